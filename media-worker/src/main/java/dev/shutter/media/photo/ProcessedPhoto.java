package dev.shutter.media.photo;

import java.util.List;

/** A photo made servable: its oriented size, a blurhash placeholder, its mean colour, and every rendition. */
public record ProcessedPhoto(int width, int height, String blurhash, MeanColour meanColour, List<Rendition> renditions) {}
