package dev.shutter.media.photo;

import java.util.Locale;
import java.util.Optional;

/** What an upload really is, as told by its first bytes ({@link MagicBytes}), not by the client. */
public enum MediaKind {
    JPEG("image/jpeg", true),
    PNG("image/png", true),
    WEBP("image/webp", true),
    HEIC("image/heic", true),
    MP4("video/mp4", false),
    QUICKTIME("video/quicktime", false);

    private final String contentType;
    private final boolean image;

    MediaKind(String contentType, boolean image) {
        this.contentType = contentType;
        this.image = image;
    }

    /** The canonical MIME type, as stored and served. */
    public String contentType() {
        return contentType;
    }

    public boolean isImage() {
        return image;
    }

    public boolean isVideo() {
        return !image;
    }

    /**
     * The kind a declared MIME type names, accepting the aliases clients really send
     * (image/jpg, image/heif, parameters, upper case); empty for anything else.
     */
    public static Optional<MediaKind> fromContentType(String declared) {
        if (declared == null) {
            return Optional.empty();
        }
        String type = declared.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return Optional.ofNullable(switch (type) {
            case "image/jpeg", "image/jpg", "image/pjpeg" -> JPEG;
            case "image/png", "image/x-png" -> PNG;
            case "image/webp" -> WEBP;
            case "image/heic", "image/heif", "image/heic-sequence", "image/heif-sequence" -> HEIC;
            case "video/mp4" -> MP4;
            case "video/quicktime" -> QUICKTIME;
            default -> null;
        });
    }
}
