package dev.shutter.post.post;

import java.util.List;

/**
 * `POST /v1/posts` body. Checked by {@link NewPost#from}, not by bean validation, because its
 * failures answer different statuses (422, 415, 413).
 */
public record CreatePostRequest(String caption, List<MediaUpload> media, Long locationId) {

    /** One file the client is about to upload. */
    public record MediaUpload(String mimeType, Long sizeBytes) {}
}
