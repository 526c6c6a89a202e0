package dev.shutter.post.post;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A caption as stored and shown: normalised once at creation, with its hashtags.
 *
 * <p>Normalisation: Unicode NFC (so "é" typed two ways is one string, and lengths and tags compare
 * as people expect); line breaks kept, as captions are often several paragraphs ({@code \r\n} and
 * {@code \r} become {@code \n}); a tab becomes a space; every other control character (C0, DEL,
 * C1, NUL included) and every unpaired surrogate removed, as they have no visible meaning and
 * break terminals, logs and some clients; surrounding whitespace stripped. The length limit counts
 * code points of the normalised text, so an emoji counts once.
 *
 * <p>Hashtags: {@code #} not preceded by a letter, digit or underscore (so "C#" or "a#b" is no
 * tag), then one or more Unicode letters, digits or underscores (combining marks are allowed
 * after the first character, since scripts such as Devanagari or Thai need them inside words).
 * Lower-cased, de-duplicated, in order of first appearance.
 */
public record Caption(String text, List<String> hashtags) {

    public static final int MAX_CODE_POINTS = 2_200;
    public static final int MAX_HASHTAGS = 30;

    private static final Pattern HASHTAG = Pattern.compile("(?<![\\p{L}\\p{N}_])#([\\p{L}\\p{N}_][\\p{L}\\p{M}\\p{N}_]*)");

    public static Caption of(String raw) {
        String text = normalise(raw == null ? "" : raw);
        return new Caption(text, hashtagsOf(text));
    }

    public int length() {
        return text.codePointCount(0, text.length());
    }

    static String normalise(String raw) {
        StringBuilder kept = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1))) {
                kept.append(c).append(raw.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                // An unpaired half of a pair is not a character; PostgreSQL would reject or mangle it.
                continue;
            } else if (c == '\r') {
                kept.append('\n');
                if (i + 1 < raw.length() && raw.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c == '\n') {
                kept.append('\n');
            } else if (c == '\t') {
                kept.append(' ');
            } else if (!Character.isISOControl(c)) {
                kept.append(c);
            }
        }
        // NFC after removal: a control character between a letter and a combining mark must not
        // keep them from composing.
        return Normalizer.normalize(kept, Normalizer.Form.NFC).strip();
    }

    private static List<String> hashtagsOf(String text) {
        Set<String> tags = new LinkedHashSet<>();
        Matcher matcher = HASHTAG.matcher(text);
        while (matcher.find()) {
            tags.add(matcher.group(1).toLowerCase(Locale.ROOT));
        }
        return List.copyOf(tags);
    }
}
