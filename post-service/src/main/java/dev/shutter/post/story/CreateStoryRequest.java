package dev.shutter.post.story;

import dev.shutter.post.post.CreatePostRequest;

/** `POST /v1/stories` body: the one file the client is about to upload. */
public record CreateStoryRequest(CreatePostRequest.MediaUpload media) {}
