package dev.shutter.media.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shutter.media.RequiredTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoLimitsTest {

    @Test
    void addressSpaceIsBytesOrSuffixedOrOff() {
        assertEquals(OptionalLong.of(3L << 30), VideoLimits.parse("3g"));
        assertEquals(OptionalLong.of(1536L << 20), VideoLimits.parse(" 1536M "));
        assertEquals(OptionalLong.of(1_000_000), VideoLimits.parse("1000000"));
        assertEquals(OptionalLong.empty(), VideoLimits.parse("off"));
        assertThrows(IllegalArgumentException.class, () -> VideoLimits.parse("0"));
        assertThrows(IllegalArgumentException.class, () -> VideoLimits.parse("2 GiB"));
    }

    @Test
    void unsetOrMisspeltKeepsTheDefault() {
        assertEquals(OptionalLong.of(VideoLimits.DEFAULT_ADDRESS_SPACE), VideoLimits.configured(null));
        assertEquals(OptionalLong.of(VideoLimits.DEFAULT_ADDRESS_SPACE), VideoLimits.configured("two gigs"));
        assertEquals(OptionalLong.empty(), VideoLimits.configured("off"));
    }

    @Test
    void withoutPrlimitTheLimitIsSkipped() {
        assertEquals(OptionalLong.empty(), VideoLimits.effective(OptionalLong.of(2L << 30), false));
        assertEquals(OptionalLong.of(2L << 30), VideoLimits.effective(OptionalLong.of(2L << 30), true));
    }

    /** The default limit is sized for the largest frame accepted: an 8K clip still becomes the full ladder under it. */
    @Test
    void largestAcceptedFrameIsProcessedWithinTheDefaultLimit(@TempDir Path dir) throws Exception {
        RequiredTool.require(VideoProcessor.available(), "ffmpeg and ffprobe");
        RequiredTool.require(ExternalCommand.onPath("prlimit"), "prlimit (util-linux)");
        Path clip = TestClips.clip(dir.resolve("8k.mp4"), 7680, 4320, 5, 1, true, "-threads", "1");

        ProcessedVideo video = new VideoProcessor().process(clip, "video/mp4", Files.createDirectories(dir.resolve("out")));

        assertEquals(7680, video.width());
        assertTrue(video.files().contains(Path.of("1080p/index.m3u8")), video.files().toString());
    }

    @Test
    void pixelLimitIs8kUhd() {
        assertEquals(33_177_600, VideoLimits.MAX_FRAME_PIXELS);
        assertEquals("video frame larger than 33.2 megapixels", VideoLimits.frameTooLargeReason());
    }
}
