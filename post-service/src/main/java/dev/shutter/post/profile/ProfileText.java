package dev.shutter.post.profile;

import dev.shutter.post.text.UserText;
import dev.shutter.problem.FieldError;
import dev.shutter.rest.problem.ProblemException;
import java.util.ArrayList;
import java.util.List;

/**
 * Profile fields as stored: the text rule of captions and comments ({@link UserText}: NFC,
 * controls, NUL and bidi overrides removed), then the limits, counted on what is stored. A
 * display name must keep at least one character; it is one line.
 */
public final class ProfileText {

    public static final int MAX_DISPLAY_NAME = 100;
    public static final int MAX_BIO = 500;

    private ProfileText() {}

    /** The normalised display name, or null when absent; 422 when empty or too long after normalising. */
    public static String displayName(String raw, List<FieldError> errors) {
        if (raw == null) {
            return null;
        }
        String name = UserText.normalize(raw).replace('\n', ' ');
        if (name.isEmpty() || UserText.length(name) > MAX_DISPLAY_NAME) {
            errors.add(new FieldError("displayName", "must be 1 to " + MAX_DISPLAY_NAME + " characters"));
        }
        return name;
    }

    public static String bio(String raw, List<FieldError> errors) {
        if (raw == null) {
            return null;
        }
        String bio = UserText.normalize(raw);
        if (UserText.length(bio) > MAX_BIO) {
            errors.add(new FieldError("bio", "must be at most " + MAX_BIO + " characters"));
        }
        return bio;
    }

    /** Fails with every collected error at once. */
    public static void check(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(new ArrayList<>(errors));
        }
    }
}
