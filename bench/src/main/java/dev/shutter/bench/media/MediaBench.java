package dev.shutter.bench.media;

import dev.shutter.media.photo.PhotoProcessor;
import dev.shutter.media.photo.ProcessedPhoto;
import dev.shutter.media.photo.Rendition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Photo processing cost: process CPU of {@link PhotoProcessor#process} (the worker's default
 * engine, libvips in-process) on a 12 MP JPEG beside {@code vipsthumbnail} making the three WebP
 * sizes of the same file in the same run, plus hq WebP bytes of both. Targets: pipeline CPU ≤ 0.8×
 * the anchor's (default concurrency), hq.webp ≤ 1.10×. For context, the same pipeline on the
 * pure-Java engine (what a worker without libvips runs).
 */
public final class MediaBench {

    private static final int RUNS = Integer.getInteger("bench.media.runs", 5);
    private static final int WARMUP = Integer.getInteger("bench.media.warmup", 2);
    private static final int WIDTH = Integer.getInteger("bench.media.width", 4000);
    private static final int HEIGHT = Integer.getInteger("bench.media.height", 3000);

    private MediaBench() {}

    public static void run() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("shutter-mbench-");
            runIn(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void runIn(Path dir) throws Exception {
        Path jpeg = dir.resolve("in.jpg");
        PhotoLikeJpeg.write(jpeg, WIDTH, HEIGHT, 0.90f);
        System.out.printf("media: %d×%d photo-like JPEG (q 0.90, %,d bytes), %d warm-up + %d measured runs (median reported), %d CPUs%n",
                WIDTH, HEIGHT, Files.size(jpeg), WARMUP, RUNS, Runtime.getRuntime().availableProcessors());
        if (!VipsAnchor.available()) {
            System.out.println("vipsthumbnail not on PATH: install libvips-tools for the anchor");
            return;
        }
        Path vipsOut = Files.createDirectory(dir.resolve("vips"));
        VipsAnchor vips = new VipsAnchor(jpeg, vipsOut);
        PhotoProcessor processor = new PhotoProcessor();
        PhotoProcessor pureJava = new PhotoProcessor(PhotoProcessor.Engine.JAVA);
        System.out.printf("photo engine: %s%n", PhotoProcessor.engineStatus());
        ProcessedPhoto[] last = new ProcessedPhoto[1];

        // Warm-up: JIT for the Java paths, page cache and shared libraries for both.
        for (int i = 0; i < WARMUP; i++) {
            last[0] = processor.process(jpeg, "image/jpeg");
            pureJava.process(jpeg, "image/jpeg");
            vips.run(1);
            vips.run(null);
        }

        // No System.gc() between runs: in a steady worker each photo pays for about one photo's
        // garbage, which is what a collection during the next run amounts to here.
        double[] pipeline = new double[RUNS];
        double[] java = new double[RUNS];
        double[] vipsOne = new double[RUNS];
        double[] vipsDefault = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            pipeline[i] = ProcessCpu.measureMillis(() -> last[0] = processor.process(jpeg, "image/jpeg"));
            java[i] = ProcessCpu.measureMillis(() -> pureJava.process(jpeg, "image/jpeg"));
            vipsOne[i] = vips.run(1);
            vipsDefault[i] = vips.run(null);
            System.out.printf("  run %d: pipeline (%s) %,.0f ms, pipeline (JAVA) %,.0f ms, vips (VIPS_CONCURRENCY=1) %,.0f ms, vips (default) %,.0f ms CPU%n",
                    i + 1, processor.engine(), pipeline[i], java[i], vipsOne[i], vipsDefault[i]);
        }
        report(processor.engine(), median(pipeline), median(java), median(vipsOne), median(vipsDefault),
                hqBytes(last[0]), Files.size(vips.hqWebp()));
        VideoThroughput.measure(dir);
    }

    private static void report(PhotoProcessor.Engine engine, double pipeline, double java, double vipsOne,
            double vipsDefault, long shutterHq, long vipsHq) {
        System.out.printf("Shutter pipeline, all variants (PhotoProcessor.process, %s): %,8.0f ms CPU/image%n", engine, pipeline);
        System.out.printf("  the same on the pure-Java engine (no libvips):             %,8.0f ms CPU/image%n", java);
        System.out.printf("anchor vipsthumbnail ×3 WebP, VIPS_CONCURRENCY=1:       %,8.0f ms CPU%n", vipsOne);
        System.out.printf("anchor vipsthumbnail ×3 WebP, default concurrency:       %,8.0f ms CPU%n", vipsDefault);
        double ratio = pipeline / vipsDefault;
        System.out.printf("ratio pipeline/anchor (default): %.2f× (target ≤ 0.8×): %s%n", ratio, ratio <= 0.8 ? "MET" : "NOT MET");
        System.out.printf("  (the pipeline also makes 3 JPEG fallbacks, the stripped original and a blurhash; the anchor does not)%n");
        System.out.printf("pipeline vs VIPS_CONCURRENCY=1: %.2f×; pure-Java engine vs anchor (default): %.2f×%n",
                pipeline / vipsOne, java / vipsDefault);
        double sizeRatio = (double) shutterHq / vipsHq;
        System.out.printf("hq.webp (1080 wide, Q 82): Shutter %,d bytes, vips %,d bytes: %.2f× (target ≤ 1.10×): %s%n",
                shutterHq, vipsHq, sizeRatio, sizeRatio <= 1.10 ? "MET" : "NOT MET");
    }

    private static long hqBytes(ProcessedPhoto photo) {
        return photo.renditions().stream()
                .filter(r -> r.fileName().equals("hq.webp"))
                .map(Rendition::bytes)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no hq.webp rendition"))
                .length;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A leftover temp directory is not worth failing a benchmark over.
        }
    }
}
