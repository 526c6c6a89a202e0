package dev.shutter.media.video;

import dev.shutter.contracts.media.MediaType;
import java.nio.file.Path;
import java.util.List;

/**
 * How ffprobe and ffmpeg open an upload: as the one local file it is, read by the demuxer its magic
 * bytes named. Left to guess, they pick a demuxer from the content, and several (concat, HLS, DASH,
 * image sequences) read what the content names: an ffconcat or m3u8 playlist uploaded as a video
 * would have them read the worker's own files, or fetch URLs from inside the network. So the
 * demuxer is forced, only the {@code file} protocol is allowed (no http, no tcp, no pipe), and
 * QuickTime's external data references, which name other files from inside an MP4, stay off.
 *
 * @param demuxer ffmpeg's name for the container's demuxer
 */
record VideoInput(Path file, String demuxer) {

    /** ffmpeg's one demuxer for the ISO base media family: MP4, QuickTime, M4A, 3GP. */
    static final String MOV = "mov";

    /** @param kind what {@code MagicBytes} found the file to be */
    static VideoInput of(Path file, MediaType kind) {
        return new VideoInput(file, switch (kind) {
            case MP4, QUICKTIME -> MOV;
            default -> throw new IllegalArgumentException(kind + " is not a video");
        });
    }

    /**
     * The input options and the input, for ffmpeg and ffprobe alike (both take input options before
     * {@code -i}). {@code -threads} here bounds the decoder's threads (see {@link VideoLimits#THREADS}).
     */
    List<String> arguments() {
        return List.of("-threads", String.valueOf(VideoLimits.THREADS),
                // enable_drefs is the mov demuxer's, the only one used.
                "-f", demuxer, "-protocol_whitelist", "file", "-enable_drefs", "0",
                "-i", "file:" + file.toAbsolutePath());
    }
}
