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

    private static final Pattern HASHTAG = Pattern.compile("(?<![\\p{L}\\p{N}_])#([\\p{L}\\p{N}_][\\p{L}\\p{M}\\p{N}_]*)");

    public static Caption of(String raw) {
        String text = UserText.normalize(raw == null ? "" : raw);
        return new Caption(text, hashtagsOf(text));
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
