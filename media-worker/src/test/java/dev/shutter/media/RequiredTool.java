package dev.shutter.media;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need an external tool (libvips, the vips command, ffmpeg): on a developer machine
 * without it they are skipped with the reason; on CI ({@code CI=true}) they fail, so a missing
 * tool can never pass as green.
 */
public final class RequiredTool {

    private RequiredTool() {}

    public static void require(boolean available, String what) {
        if (available) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail("CI=true and this test needs " + what + ", which is missing (.ci/run installs it)");
        }
        Assumptions.abort("needs " + what);
    }
}
