package dev.shutter.post.engagement;

/** `POST /v1/posts/{postId}/comments` body; the text is checked after normalisation. */
public record NewComment(String text) {}
