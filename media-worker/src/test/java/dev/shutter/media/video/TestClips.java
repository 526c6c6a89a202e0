package dev.shutter.media.video;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Real clips made by ffmpeg for the tests: testsrc pictures, a sine tone, ultrafast so they cost little. */
public final class TestClips {

    private TestClips() {}

    public static Path clip(Path target, int width, int height, int rate, double seconds, boolean audio, String... extraOutputArgs)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc=size=" + width + "x" + height + ":rate=" + rate));
        if (audio) {
            cmd.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100"));
        }
        cmd.addAll(List.of("-t", String.valueOf(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"));
        if (audio) {
            cmd.addAll(List.of("-c:a", "aac"));
        }
        cmd.addAll(List.of(extraOutputArgs));
        cmd.add(target.toString());
        run(cmd);
        return target;
    }

    static String ffprobe(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ffprobe", "-v", "error"));
        cmd.addAll(List.of(args));
        return run(cmd).stdout();
    }

    /** ffmpeg with these arguments, e.g. to rewrite a clip's container. */
    static void run(String... ffmpegArgs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y"));
        cmd.addAll(List.of(ffmpegArgs));
        run(cmd);
    }

    private static ExternalCommand.Result run(List<String> cmd) throws IOException {
        ExternalCommand.Result result = ExternalCommand.run(cmd, Duration.ofMinutes(1));
        assertEquals(0, result.exitCode(), () -> String.join(" ", cmd) + "\n" + result.stderr());
        return result;
    }
}
