package dev.shutter.media.video;

import dev.shutter.contracts.media.MediaKind;
import dev.shutter.media.photo.MagicBytes;
import dev.shutter.contracts.media.MediaType;
import dev.shutter.media.photo.MediaRejectedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Turns an uploaded MP4 or QuickTime clip into what the feed plays: an HLS ladder (360p, 720p,
 * 1080p, never above the source) with a master playlist, and a WebP poster, all free of the
 * upload's metadata. ffmpeg and ffprobe do the work as child processes; plain CPU work with no
 * framework, run on the caller's bounded pool. Each child process reads only the upload, with the
 * demuxer its bytes named ({@link VideoInput}), and runs within {@link VideoLimits}.
 */
public final class VideoProcessor {

    private static final boolean AVAILABLE = ExternalCommand.onPath("ffmpeg") && ExternalCommand.onPath("ffprobe");

    static {
        // Settles the memory limit at start, when the worker reports what it supports: a missing
        // prlimit is then logged among those lines, not in the middle of the first upload.
        VideoLimits.addressSpace();
    }

    /** What one video job's ffmpeg may map at most: its share of the worker's video memory. */
    public static long memoryPerJob() {
        return VideoLimits.addressSpace().orElse(VideoLimits.DEFAULT_ADDRESS_SPACE);
    }

    /** Whether this worker can take videos (needs ffmpeg and ffprobe on PATH). */
    public static boolean available() {
        return AVAILABLE;
    }

    /**
     * @param declaredContentType what the client said it uploads; null means "not declared" and skips the check
     * @param outputDir an existing, empty directory that receives every output file
     * @throws MediaRejectedException the upload can never become a video (wrong type, too long, too large, corrupt),
     *     or this worker has no ffmpeg
     * @throws IOException a file could not be read or written, or ffmpeg timed out or was interrupted: worth a retry
     */
    public ProcessedVideo process(Path original, String declaredContentType, Path outputDir)
            throws MediaRejectedException, IOException {
        return process(original, declaredContentType, outputDir, MediaKind.POST);
    }

    /**
     * @param kind whose clip it is: a story's may be 15 s long, a post's 90 s ({@link VideoLimits});
     *     the ladder and poster are the same
     */
    public ProcessedVideo process(Path original, String declaredContentType, Path outputDir, MediaKind kind)
            throws MediaRejectedException, IOException {
        if (!available()) {
            throw new MediaRejectedException("video is not supported on this worker");
        }
        VideoInput input = VideoInput.of(original, sniff(original, declaredContentType));
        VideoProbe probe = VideoProbe.of(input, kind);
        List<Rung> rungs = Rung.ladder(probe.width(), probe.height());
        HlsEncoder.encode(input, probe, rungs, outputDir);
        Poster.write(input, probe.durationMs(), rungs.getLast(), outputDir.resolve(Poster.FILE_NAME));
        return new ProcessedVideo(probe.durationMs(), probe.width(), probe.height(),
                HlsEncoder.MASTER_PLAYLIST, Poster.FILE_NAME, filesUnder(outputDir));
    }

    private static MediaType sniff(Path original, String declaredContentType) throws MediaRejectedException, IOException {
        MediaType kind = MagicBytes.identify(original, declaredContentType, "corrupt or unreadable video: empty file");
        if (kind.isImage()) {
            throw new MediaRejectedException("unsupported type: " + kind.contentType() + " is a photo, not a video");
        }
        return kind;
    }

    private static List<Path> filesUnder(Path outputDir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(outputDir)) {
            walk.filter(Files::isRegularFile).map(outputDir::relativize).sorted().forEach(files::add);
        }
        return files;
    }
}
