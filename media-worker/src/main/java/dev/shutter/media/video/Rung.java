package dev.shutter.media.video;

import java.util.ArrayList;
import java.util.List;

/**
 * One quality of the HLS ladder.
 *
 * @param name the directory and label, e.g. {@code 720p}
 * @param maxVideoKbps the encoder's peak rate; the master playlist's BANDWIDTH is derived from it
 * @param avcLevel H.264 level as in the CODECS attribute's last byte (0x1F = 3.1), high enough for 60 fps at this size
 */
record Rung(String name, int width, int height, int maxVideoKbps, int avcLevel) {

    private record Step(int shortSide, int maxVideoKbps, int avcLevel) {}

    private static final List<Step> STEPS = List.of(
            new Step(360, 1_000, 0x1F),
            new Step(720, 3_000, 0x20),
            new Step(1080, 6_000, 0x2A));

    /**
     * The rungs for a source of this displayed size. A rung is named by the frame's short side, so a
     * portrait 1080×1920 phone clip gets 1080p (1080×1920) rather than a 608-pixel-wide "1080p";
     * for landscape this is the usual "by height". No rung is taller than the source, and a source
     * smaller than the lowest rung gets a single rung at its own size.
     */
    static List<Rung> ladder(int width, int height) {
        int shortSide = Math.min(width, height);
        List<Rung> rungs = new ArrayList<>(STEPS.size());
        for (Step step : STEPS) {
            if (step.shortSide() <= shortSide) {
                rungs.add(scaled(width, height, step.shortSide(), step));
            }
        }
        if (rungs.isEmpty()) {
            rungs.add(scaled(width, height, even(shortSide), STEPS.getFirst()));
        }
        return List.copyOf(rungs);
    }

    /** The CODECS attribute: H.264 High profile at this rung's level, plus AAC-LC when there is audio. */
    String codecs(boolean withAudio) {
        String video = String.format("avc1.6400%02x", avcLevel);
        return withAudio ? video + ",mp4a.40.2" : video;
    }

    private static Rung scaled(int width, int height, int targetShortSide, Step step) {
        double factor = (double) targetShortSide / Math.min(width, height);
        // H.264 with 4:2:0 chroma needs even dimensions on both sides.
        int w = even(width * factor);
        int h = even(height * factor);
        return new Rung(targetShortSide + "p", w, h, step.maxVideoKbps(), step.avcLevel());
    }

    private static int even(double size) {
        return Math.max(2, (int) Math.round(size / 2) * 2);
    }
}
