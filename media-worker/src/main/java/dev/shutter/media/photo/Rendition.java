package dev.shutter.media.photo;

/**
 * One output file of a processed upload.
 *
 * @param name the variant name as published in `media.processed` (thumb, medium, hq, thumb.jpeg, …, original)
 * @param fileName the object's file name under {@code media/{postId}/{mediaId}/} (e.g. {@code hq.webp})
 */
public record Rendition(String name, String fileName, String contentType, byte[] bytes) {}
