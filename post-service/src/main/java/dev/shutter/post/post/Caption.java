package dev.shutter.post.post;

import dev.shutter.post.text.UserText;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A caption as stored and shown: normalised once at creation, with its hashtags.
 *
 * <p>Normalisation: {@link UserText} (NFC, line breaks kept, controls and unpaired surrogates
 * removed); the length limit counts code points of the normalised text, so an emoji counts once.
 *
 * <p>Hashtags: {@code #} not preceded by a letter, digit or underscore (so "C#" or "a#b" is no
 * tag), then one or more Unicode letters, digits or underscores (combining marks are allowed
 * after the first character, since scripts such as Devanagari or Thai need them inside words).
 * Lower-cased, de-duplicated, in order of first appearance.
 */
public record Caption(String text, List<String> hashtags) {

    public static final int MAX_CODE_POINTS = 2_200;
    public static final int MAX_HASHTAGS = 30;

    /** The longest tag a search takes (a caption's tags are bounded by the caption alone). */
    public static final int MAX_TAG_CODE_POINTS = 100;

    private static final String TAG_BODY = "[\\p{L}\\p{N}_][\\p{L}\\p{M}\\p{N}_]*";
    private static final Pattern HASHTAG = Pattern.compile("(?<![\\p{L}\\p{N}_])#(" + TAG_BODY + ")");
    private static final Pattern TAG = Pattern.compile(TAG_BODY);
    private static final Pattern TAG_PREFIX = Pattern.compile("[\\p{L}\\p{M}\\p{N}_]+");

    public static Caption of(String raw) {
        String text = UserText.normalize(raw == null ? "" : raw);
        return new Caption(text, hashtagsOf(text));
    }

    /**
     * A tag as a caption stores it (NFC, lower case), from a tag someone typed with or without its
     * {@code #}; null when it is not a tag (empty, too long, or a character outside the charset).
     */
    public static String tag(String raw) {
        String normalized = normalizedTag(raw);
        return normalized != null && TAG.matcher(normalized).matches() ? normalized : null;
    }

    /** The start of a tag, normalized as {@link #tag}, for prefix suggestions; null when it cannot start one. */
    public static String tagPrefix(String raw) {
        String normalized = normalizedTag(raw);
        return normalized != null && TAG_PREFIX.matcher(normalized).matches() ? normalized : null;
    }

    private static String normalizedTag(String raw) {
        if (raw == null) {
            return null;
        }
        String text = UserText.normalize(raw.strip());
        if (text.startsWith("#")) {
            text = text.substring(1);
        }
        if (text.isEmpty() || UserText.length(text) > MAX_TAG_CODE_POINTS) {
            return null;
        }
        return text.toLowerCase(Locale.ROOT);
    }

    public int length() {
        return UserText.length(text);
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
