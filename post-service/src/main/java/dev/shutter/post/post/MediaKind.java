package dev.shutter.post.post;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The uploads a post accepts, by declared content type, and how large each kind may be. */
public enum MediaKind {
    IMAGE("image", 30L * 1024 * 1024),
    VIDEO("video", 300L * 1024 * 1024);

    private static final Map<String, MediaKind> BY_MIME_TYPE = Map.of(
            "image/jpeg", IMAGE,
            "image/png", IMAGE,
            "image/webp", IMAGE,
            "image/heic", IMAGE,
            "video/mp4", VIDEO,
            "video/quicktime", VIDEO);

    private final String type;
    private final long maxBytes;

    MediaKind(String type, long maxBytes) {
        this.type = type;
        this.maxBytes = maxBytes;
    }

    /** "image" or "video", as the API names media types. */
    public String type() {
        return type;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * The kind of a declared content type. Case-insensitive and trimmed, but without parameters:
     * the signed upload URL demands the exact type back, so the canonical spelling is what the
     * client gets to send.
     */
    public static Optional<MediaKind> of(String mimeType) {
        return Optional.ofNullable(BY_MIME_TYPE.get(canonical(mimeType)));
    }

    public static String canonical(String mimeType) {
        return mimeType == null ? "" : mimeType.strip().toLowerCase(Locale.ROOT);
    }
}
