package dev.shutter.bench.media;

import dev.shutter.media.video.ProcessedVideo;
import dev.shutter.media.video.VideoProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Video: seconds of 1080p input turned into the HLS ladder per CPU-second. ffmpeg runs as a child
 * process, so its CPU is read from this process's reaped-children times in /proc/self/stat
 * (fields 16 and 17, in clock ticks), added to the JVM's own.
 */
final class VideoThroughput {

    private static final int SECONDS = Integer.getInteger("bench.media.videoSeconds", 10);
    private static final double TICKS_PER_SECOND = 100.0;

    private VideoThroughput() {}

    static void measure(Path dir) throws Exception {
        if (!VideoProcessor.available()) {
            System.out.println("video: ffmpeg/ffprobe not on PATH; install ffmpeg");
            return;
        }
        Path clip = dir.resolve("clip-1080p.mp4");
        generate(clip);
        VideoProcessor videos = new VideoProcessor();
        double childrenBefore = childrenCpuSeconds();
        long jvmBefore = ProcessCpu.nanos();
        Path out = Files.createDirectory(dir.resolve("hls"));
        ProcessedVideo video = videos.process(clip, "video/mp4", out);
        double cpu = (ProcessCpu.nanos() - jvmBefore) / 1e9 + childrenCpuSeconds() - childrenBefore;
        double inputSeconds = video.durationMs() / 1000.0;
        System.out.printf("video: %.1f s of 1920×1080 30 fps H.264 → HLS %s in %.1f CPU-s: %.2f s of input per CPU-second%n",
                inputSeconds, rungs(video), cpu, inputSeconds / cpu);
    }

    private static String rungs(ProcessedVideo video) {
        return video.files().stream().map(Path::toString).filter(f -> f.endsWith("index.m3u8"))
                .map(f -> f.substring(0, f.indexOf('/'))).sorted().toList().toString();
    }

    /** A synthetic but busy 1080p clip (moving test pattern and noise) with audio. */
    private static void generate(Path clip) throws IOException, InterruptedException {
        Process ffmpeg = new ProcessBuilder(List.of("ffmpeg", "-nostdin", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30", "-f", "lavfi", "-i", "sine=frequency=440",
                "-t", Integer.toString(SECONDS), "-vf", "noise=alls=12:allf=t", "-c:v", "libx264", "-preset", "veryfast",
                "-pix_fmt", "yuv420p", "-c:a", "aac", clip.toString())).inheritIO().start();
        if (!ffmpeg.waitFor(5, TimeUnit.MINUTES) || ffmpeg.exitValue() != 0) {
            throw new IOException("could not generate the test clip");
        }
    }

    /** User + system CPU of this process's waited-for children (/proc/self/stat cutime, cstime). */
    private static double childrenCpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        // The command name (field 2) may hold spaces; fields are counted after its closing ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / TICKS_PER_SECOND;
    }
}
