package dev.shutter.media.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shutter.contracts.media.MediaKind;
import dev.shutter.media.photo.MediaRejectedException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ffprobe's JSON as Debian's ffmpeg 5.1 prints it, trimmed to the fields read. */
class VideoProbeTest {

    @Test
    void displayMatrixRotationSwapsWidthAndHeight() throws Exception {
        VideoProbe probe = VideoProbe.parse("""
                {"streams": [{"codec_type": "video", "width": 1920, "height": 1080,
                              "side_data_list": [{"side_data_type": "Display Matrix", "rotation": -90}]},
                             {"codec_type": "audio"}],
                 "format": {"duration": "12.345000"}}""");

        assertEquals(1080, probe.width());
        assertEquals(1920, probe.height());
        assertEquals(12_345, probe.durationMs());
        assertTrue(probe.hasAudio());
    }

    @Test
    void legacyRotateTagIsHonouredAndUpsideDownKeepsTheSize() throws Exception {
        assertEquals(720, VideoProbe.parse(video(1280, 720, "\"tags\": {\"rotate\": \"270\"}", "5")).width());
        assertEquals(1280, VideoProbe.parse(video(1280, 720, "\"tags\": {\"rotate\": \"180\"}", "5")).width());
    }

    @Test
    void anamorphicPixelsAreWidenedToTheDisplayedSize() throws Exception {
        VideoProbe probe = VideoProbe.parse(video(1440, 1080, "\"sample_aspect_ratio\": \"4:3\"", "5"));

        assertEquals(1920, probe.width());
        assertEquals(1080, probe.height());
        assertFalse(probe.hasAudio());
    }

    @Test
    void durationFallsBackToTheVideoStream() throws Exception {
        VideoProbe probe = VideoProbe.parse("""
                {"streams": [{"codec_type": "video", "width": 640, "height": 360, "duration": "3.5"}], "format": {}}""");

        assertEquals(3_500, probe.durationMs());
    }

    @Test
    void aStorysClipMayBeFifteenSecondsLongAPostsNinety() throws Exception {
        assertEquals(15_100, VideoProbe.parse(video(640, 360, "\"x\": 0", "15.1"), MediaKind.STORY).durationMs());
        assertEquals("story video longer than 15 seconds", assertThrows(MediaRejectedException.class,
                () -> VideoProbe.parse(video(640, 360, "\"x\": 0", "15.5"), MediaKind.STORY)).reason());
        assertEquals(20_000, VideoProbe.parse(video(640, 360, "\"x\": 0", "20"), MediaKind.POST).durationMs());
    }

    @Test
    void ninetySecondsPassesAndAnythingClearlyLongerIsRefused() throws Exception {
        assertEquals(90_040, VideoProbe.parse(video(640, 360, "\"x\": 0", "90.04")).durationMs());
        assertEquals("video longer than 90 seconds",
                assertThrows(MediaRejectedException.class, () -> VideoProbe.parse(video(640, 360, "\"x\": 0", "90.5"))).reason());
    }

    @Test
    void sidesOver20000AreTooLarge() {
        assertEquals("too large",
                assertThrows(MediaRejectedException.class, () -> VideoProbe.parse(video(20_002, 100, "\"x\": 0", "1"))).reason());
    }

    @Test
    void framesUpTo8kUhdPassInEitherOrientation() throws Exception {
        assertEquals(7680, VideoProbe.parse(video(7680, 4320, "\"x\": 0", "1")).width());
        assertEquals(4320, VideoProbe.parse(video(4320, 7680, "\"x\": 0", "1")).width());
    }

    @Test
    void framesOverTheVideoPixelLimitAreRefused() {
        // 8192×4320 (DCI 8K) is 35.4 MP; 6000×6000 is 36 MP with both sides well under 20,000.
        for (String json : List.of(video(8192, 4320, "\"x\": 0", "1"), video(6000, 6000, "\"x\": 0", "1"))) {
            assertEquals("video frame larger than 33.2 megapixels",
                    assertThrows(MediaRejectedException.class, () -> VideoProbe.parse(json)).reason());
        }
    }

    @Test
    void anamorphicFramesAreCountedAtTheirDisplayedSize() {
        // Stored 4000×4320 (17.3 MP), shown 8000×4320 (34.6 MP): the scaler works at the larger one.
        assertEquals("video frame larger than 33.2 megapixels", assertThrows(MediaRejectedException.class,
                () -> VideoProbe.parse(video(4000, 4320, "\"sample_aspect_ratio\": \"2:1\"", "1"))).reason());
    }

    @Test
    void audioOnlyOrCoverArtOnlyIsNotAVideo() {
        String audioWithCover = """
                {"streams": [{"codec_type": "audio"},
                             {"codec_type": "video", "width": 600, "height": 600, "disposition": {"attached_pic": 1}}],
                 "format": {"duration": "30"}}""";
        assertEquals("corrupt or unreadable video: no video stream",
                assertThrows(MediaRejectedException.class, () -> VideoProbe.parse(audioWithCover)).reason());
    }

    private static String video(int width, int height, String extra, String duration) {
        return "{\"streams\": [{\"codec_type\": \"video\", \"width\": " + width + ", \"height\": " + height + ", " + extra
                + "}], \"format\": {\"duration\": \"" + duration + "\"}}";
    }
}
