package dev.shutter.media.video;

import dev.shutter.media.photo.MediaRejectedException;
import dev.shutter.media.photo.RenditionEncoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The still shown before playback: one frame, upright, at the top rung's size, as WebP through the
 * photo pipeline's encoder (which writes no metadata). ffmpeg hands over a PNG, which only pixels leave.
 */
final class Poster {

    static final String FILE_NAME = "poster.webp";
    /** Past the first second: the very first frame is often black or a fade-in. */
    private static final long FRAME_AT_MS = 1_000;
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private Poster() {}

    static void write(VideoInput source, long durationMs, Rung size, Path target) throws MediaRejectedException, IOException {
        Path png = Files.createTempFile("shutter-poster-", ".png");
        try {
            ExternalCommand.Result result = ExternalCommand.run(command(source, durationMs, size, png), TIMEOUT);
            BufferedImage frame = result.succeeded() && Files.size(png) > 0 ? ImageIO.read(png.toFile()) : null;
            if (frame == null) {
                throw result.rejection("no frame for the poster (" + result.firstErrorLine() + ")");
            }
            Files.write(target, RenditionEncoder.webp(frame));
        } finally {
            Files.deleteIfExists(png);
        }
    }

    static List<String> command(VideoInput source, long durationMs, Rung size, Path png) {
        long at = durationMs > 2 * FRAME_AT_MS ? FRAME_AT_MS : 0;
        String threads = String.valueOf(VideoLimits.THREADS);
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
                "-ss", String.format("%d.%03d", at / 1000, at % 1000)));
        cmd.addAll(source.arguments());
        cmd.addAll(List.of("-filter_threads", threads, "-threads", threads,
                "-frames:v", "1", "-vf", "scale=" + size.width() + ":" + size.height() + ",setsar=1",
                "-map_metadata", "-1", "-f", "image2", "-c:v", "png", png.toAbsolutePath().toString()));
        return cmd;
    }
}
