package dev.shutter.media.video;

import java.nio.file.Path;
import java.util.List;

/**
 * A video turned into HLS under the output directory the caller gave {@link VideoProcessor}.
 *
 * @param durationMs the source's duration
 * @param width displayed width of the source (rotation applied)
 * @param height displayed height of the source (rotation applied)
 * @param masterPlaylist the master playlist's path relative to the output directory ({@code master.m3u8})
 * @param poster the poster's path relative to the output directory ({@code poster.webp})
 * @param files every file written, relative to the output directory, master playlist and poster included
 */
public record ProcessedVideo(long durationMs, int width, int height, String masterPlaylist, String poster, List<Path> files) {

    public ProcessedVideo {
        files = List.copyOf(files);
    }
}
