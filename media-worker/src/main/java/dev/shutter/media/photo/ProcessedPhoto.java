package dev.shutter.media.photo;

import java.util.List;

/** A photo made servable: its oriented size, a blurhash placeholder, and every rendition. */
public record ProcessedPhoto(int width, int height, String blurhash, List<Rendition> renditions) {}
