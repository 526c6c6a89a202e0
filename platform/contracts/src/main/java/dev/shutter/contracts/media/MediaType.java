package dev.shutter.contracts.media;

import java.util.Locale;
import java.util.Optional;

/**
 * The uploads Shutter accepts, and the one rule that reads a declared MIME type: post-service
 * applies it to what a client announces, media-worker to what an upload was stored as, so neither
 * can accept what the other refuses. Case-insensitive and trimmed; the aliases clients really
 * send ({@code image/jpg}, {@code image/heif}, ...) name their canonical type. Parameters are not
 * accepted: the signed upload URL demands the canonical spelling back, byte for byte.
 */
public enum MediaType {
    JPEG("image/jpeg", Kind.IMAGE),
    PNG("image/png", Kind.IMAGE),
    WEBP("image/webp", Kind.IMAGE),
    HEIC("image/heic", Kind.IMAGE),
    MP4("video/mp4", Kind.VIDEO),
    QUICKTIME("video/quicktime", Kind.VIDEO);

    /** Photo or video, with the largest upload of each (API.md: 30 MB and 300 MB). */
    public enum Kind {
        IMAGE,
        VIDEO;

        /** "image" or "video", as the API and {@code media.processed} name media types. */
        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public long maxBytes() {
            return (this == IMAGE ? 30L : 300L) * 1024 * 1024;
        }
    }

    /** What a client is told the type must be, in messages. */
    public static final String ACCEPTED = "image/jpeg, image/png, image/webp, image/heic, video/mp4 or video/quicktime";

    private final String contentType;
    private final Kind kind;

    MediaType(String contentType, Kind kind) {
        this.contentType = contentType;
        this.kind = kind;
    }

    /** The canonical MIME type, as signed, stored and served. */
    public String contentType() {
        return contentType;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isImage() {
        return kind == Kind.IMAGE;
    }

    public boolean isVideo() {
        return kind == Kind.VIDEO;
    }

    /** The type a declared MIME type names; empty for anything Shutter does not accept. */
    public static Optional<MediaType> ofDeclared(String declared) {
        if (declared == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (declared.strip().toLowerCase(Locale.ROOT)) {
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
