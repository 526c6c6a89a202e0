package dev.shutter.post.text;

import java.text.Normalizer;

/**
 * Normalises user-written text (captions, comments, profile text) before it is measured and stored: line breaks become
 * {@code \n}, a tab becomes a space, every other control character (NUL included), every bidi
 * embedding, override and isolate, and every unpaired surrogate is removed, the rest is put in Unicode NFC, and surrounding whitespace is
 * stripped. Lengths are counted in code points, so an emoji counts as one character, as users
 * count.
 */
public final class UserText {

    private UserText() {}

    /** The normalised text; null stays null. */
    public static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        StringBuilder kept = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); ) {
            int c = raw.codePointAt(i);
            i += Character.charCount(c);
            if (c == '\r') {
                if (i < raw.length() && raw.charAt(i) == '\n') {
                    i++;
                }
                kept.append('\n');
            } else if (c == '\n') {
                kept.append('\n');
            } else if (c == '\t') {
                kept.append(' ');
            } else if (Character.getType(c) != Character.CONTROL && Character.getType(c) != Character.SURROGATE
                    && !isBidiOverride(c)) {
                kept.appendCodePoint(c);
            }
        }
        // Controls go before NFC, so a combining mark that followed one still composes.
        return Normalizer.normalize(kept, Normalizer.Form.NFC).strip();
    }

    /**
     * Embeddings, overrides and isolates (U+202A-202E, U+2066-2069) reorder what follows them, so a
     * name or caption could display as something else than it is; the marks LRM and RLM, which do
     * not, are kept for right-to-left text.
     */
    private static boolean isBidiOverride(int c) {
        return c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069;
    }

    /** Characters as users count them: code points. */
    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
