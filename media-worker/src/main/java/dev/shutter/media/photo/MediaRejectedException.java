package dev.shutter.media.photo;

/**
 * An upload that can never be served (not a supported image or video, too large, corrupt): it
 * ends as `media.failed` with {@link #reason()}, never as a retry.
 */
public class MediaRejectedException extends Exception {

    public MediaRejectedException(String reason) {
        super(reason, null, false, false);
    }

    public MediaRejectedException(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }

    /** What the client is told, e.g. "unsupported type" or "too large". */
    public String reason() {
        return getMessage();
    }
}
