package dev.shutter.contracts.media;

/**
 * What a media item belongs to. A story's media gets other renditions (a 9:16 {@code story}
 * variant, clips of at most 15 s), its URLs always expire with the story, and it is removed 48 h
 * after the story expires.
 */
public enum MediaKind {
    POST,
    STORY
}
