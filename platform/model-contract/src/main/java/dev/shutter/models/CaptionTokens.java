package dev.shutter.models;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A caption's words as the item tower reads them: NFC, lower case, split on anything that is not a
 * letter or a digit, without hashtags (they are a feature of their own) or @mentions, each word at
 * most {@value #MAX_WORD_CODE_POINTS} code points, in caption order. Training and serving both
 * tokenise through here.
 */
public final class CaptionTokens {

    static final int MAX_WORD_CODE_POINTS = 30;

    private CaptionTokens() {}

    public static List<String> of(String caption) {
        List<String> tokens = new ArrayList<>();
        if (caption == null) {
            return tokens;
        }
        String text = Normalizer.normalize(caption, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        StringBuilder word = new StringBuilder();
        boolean skipping = false;
        int[] codePoints = text.codePoints().toArray();
        for (int i = 0; i <= codePoints.length; i++) {
            int c = i < codePoints.length ? codePoints[i] : ' ';
            if (Character.isLetterOrDigit(c) || c == '_' && skipping) {
                if (!skipping && word.codePointCount(0, word.length()) < MAX_WORD_CODE_POINTS) {
                    word.appendCodePoint(c);
                }
                continue;
            }
            if (!skipping && !word.isEmpty()) {
                tokens.add(word.toString());
            }
            word.setLength(0);
            // A # or @ starts a tag or a mention: skip up to the next separator.
            skipping = c == '#' || c == '@';
        }
        return tokens;
    }
}
