package dev.shutter.media.photo;

/**
 * One output file of a processed upload.
 *
 * @param name the variant name as published in `media.processed` (thumb, medium, hq, story, thumb.jpeg, …, original)
 * @param fileName the object's file name under the item's processed prefix (e.g. {@code hq.webp})
 */
public record Rendition(String name, String fileName, String contentType, byte[] bytes) {}
