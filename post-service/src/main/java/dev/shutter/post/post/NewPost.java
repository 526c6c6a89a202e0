package dev.shutter.post.post;

import dev.shutter.contracts.media.MediaType;
import dev.shutter.problem.FieldError;
import dev.shutter.rest.problem.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A create request that passed every check: what gets stored. */
public record NewPost(Caption caption, List<NewMedia> media, Long locationId) {

    public static final int MIN_MEDIA = 1;
    public static final int MAX_MEDIA = 10;

    public record NewMedia(String mimeType, long sizeBytes, MediaType type) {}

    /**
     * Checks a request. Invalid values (422) are reported together and before anything else; then
     * unsupported types (415), then sizes over the limit (413), as a client fixes them in that
     * order.
     */
    public static NewPost from(CreatePostRequest request) {
        if (request == null) {
            throw ProblemException.invalid("body", "a body is required");
        }
        List<FieldError> invalid = new ArrayList<>();
        Caption caption = Caption.of(request.caption());
        if (caption.length() > Caption.MAX_CODE_POINTS) {
            invalid.add(new FieldError("caption", "must be at most " + Caption.MAX_CODE_POINTS
                    + " characters, was " + caption.length()));
        }
        if (caption.hashtags().size() > Caption.MAX_HASHTAGS) {
            invalid.add(new FieldError("caption", "must have at most " + Caption.MAX_HASHTAGS
                    + " hashtags, has " + caption.hashtags().size()));
        }
        if (request.locationId() != null && request.locationId() <= 0) {
            invalid.add(new FieldError("locationId", "must be a positive ID"));
        }
        List<CreatePostRequest.MediaUpload> uploads = request.media() == null ? List.of() : request.media();
        if (uploads.size() < MIN_MEDIA || uploads.size() > MAX_MEDIA) {
            invalid.add(new FieldError("media", "must have " + MIN_MEDIA + " to " + MAX_MEDIA + " items, has " + uploads.size()));
        }
        for (int i = 0; i < uploads.size(); i++) {
            checkPresent("media[" + i + "]", uploads.get(i), invalid);
        }
        if (!invalid.isEmpty()) {
            throw ProblemException.invalid(invalid);
        }

        List<FieldError> unsupported = new ArrayList<>();
        List<FieldError> tooLarge = new ArrayList<>();
        List<NewMedia> media = new ArrayList<>();
        for (int i = 0; i < uploads.size(); i++) {
            accept("media[" + i + "]", uploads.get(i), unsupported, tooLarge).ifPresent(media::add);
        }
        throwIfRefused(unsupported, tooLarge);
        return new NewPost(caption, List.copyOf(media), request.locationId());
    }

    /**
     * One media item on its own (a story's, under {@code field}): the checks of a post's items, in
     * the same order.
     */
    public static NewMedia single(String field, CreatePostRequest.MediaUpload upload) {
        List<FieldError> invalid = new ArrayList<>();
        checkPresent(field, upload, invalid);
        if (!invalid.isEmpty()) {
            throw ProblemException.invalid(invalid);
        }
        List<FieldError> unsupported = new ArrayList<>();
        List<FieldError> tooLarge = new ArrayList<>();
        Optional<NewMedia> media = accept(field, upload, unsupported, tooLarge);
        throwIfRefused(unsupported, tooLarge);
        return media.orElseThrow();
    }

    private static void checkPresent(String field, CreatePostRequest.MediaUpload upload, List<FieldError> invalid) {
        if (upload == null) {
            invalid.add(new FieldError(field, "is required"));
            return;
        }
        if (upload.mimeType() == null || upload.mimeType().isBlank()) {
            invalid.add(new FieldError(field + ".mimeType", "is required"));
        }
        if (upload.sizeBytes() == null || upload.sizeBytes() <= 0) {
            invalid.add(new FieldError(field + ".sizeBytes", "must be a positive number of bytes"));
        }
    }

    private static Optional<NewMedia> accept(String field, CreatePostRequest.MediaUpload upload, List<FieldError> unsupported,
            List<FieldError> tooLarge) {
        MediaType type = MediaType.ofDeclared(upload.mimeType()).orElse(null);
        if (type == null) {
            unsupported.add(new FieldError(field + ".mimeType", "must be " + MediaType.ACCEPTED));
            return Optional.empty();
        }
        if (upload.sizeBytes() > type.kind().maxBytes()) {
            tooLarge.add(new FieldError(field + ".sizeBytes", type.kind().apiName() + "s may be at most "
                    + type.kind().maxBytes() / (1024 * 1024) + " MB"));
            return Optional.empty();
        }
        // The canonical spelling: the signed upload URL demands exactly it back.
        return Optional.of(new NewMedia(type.contentType(), upload.sizeBytes(), type));
    }

    private static void throwIfRefused(List<FieldError> unsupported, List<FieldError> tooLarge) {
        if (!unsupported.isEmpty()) {
            throw new ProblemException(415, "Unsupported media type", "A media type is not accepted.", unsupported, null);
        }
        if (!tooLarge.isEmpty()) {
            throw new ProblemException(413, "Too large", "A media item is larger than allowed.", tooLarge, null);
        }
    }
}
