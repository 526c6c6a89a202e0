package dev.shutter.media.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.media.photo.MediaRejectedException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import dev.shutter.media.RequiredTool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoProcessorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final VideoProcessor processor = new VideoProcessor();

    @BeforeAll
    static void needsFfmpeg() {
        RequiredTool.require(VideoProcessor.available(), "ffmpeg and ffprobe");
    }

    @Test
    void landscape720pClipWithAudioBecomesA360pAnd720pLadderWithPosterAndNoSourceMetadata() throws Exception {
        Path clip = TestClips.clip(dir.resolve("clip.mp4"), 1280, 720, 30, 6, true,
                "-metadata", "title=Secret Title", "-metadata", "location=+48.8584+002.2945/", "-metadata:s:v", "handler_name=PhoneCam");
        Path out = Files.createDirectories(dir.resolve("out"));

        ProcessedVideo video = processor.process(clip, "video/mp4", out);

        assertEquals(1280, video.width());
        assertEquals(720, video.height());
        assertEquals(6000, video.durationMs(), 150);
        assertEquals("master.m3u8", video.masterPlaylist());
        assertEquals("poster.webp", video.poster());

        String master = Files.readString(out.resolve("master.m3u8"));
        assertTrue(master.contains("RESOLUTION=640x360"), master);
        assertTrue(master.contains("RESOLUTION=1280x720"), master);
        assertFalse(master.contains("1080"), master);
        assertTrue(master.contains("CODECS=\"avc1.") && master.contains("mp4a.40.2"), master);
        assertEquals(List.of("360p/index.m3u8", "720p/index.m3u8"),
                master.lines().filter(line -> !line.startsWith("#")).toList());
        assertTrue(Pattern.compile("BANDWIDTH=\\d+").matcher(master).find(), master);

        for (String rung : List.of("360p", "720p")) {
            String playlist = Files.readString(out.resolve(rung).resolve("index.m3u8"));
            assertTrue(playlist.contains("#EXT-X-PLAYLIST-TYPE:VOD"), playlist);
            assertTrue(playlist.contains("#EXT-X-ENDLIST"), playlist);
            double total = 0;
            Matcher segment = Pattern.compile("#EXTINF:([0-9.]+),").matcher(playlist);
            while (segment.find()) {
                double seconds = Double.parseDouble(segment.group(1));
                assertTrue(seconds <= 6.1, rung + " segment of " + seconds + " s");
                total += seconds;
            }
            assertEquals(6.0, total, 0.2, playlist);
        }

        // It plays: ffprobe reads the rung through its playlist.
        JsonNode played = JSON.readTree(TestClips.ffprobe("-print_format", "json", "-show_format", "-show_streams",
                out.resolve("720p/index.m3u8").toString()));
        assertEquals(6.0, played.path("format").path("duration").asDouble(), 0.3);
        JsonNode firstVideo = stream(played, "video");
        assertEquals(1280, firstVideo.path("width").asInt());
        assertEquals(720, firstVideo.path("height").asInt());
        // What the master playlist's CODECS promises (avc1.640020) is what was encoded.
        assertEquals("High", firstVideo.path("profile").asText());
        assertEquals(32, firstVideo.path("level").asInt());
        assertNotNull(stream(played, "audio"));

        BufferedImage poster = ImageIO.read(out.resolve("poster.webp").toFile());
        assertNotNull(poster, "poster.webp decodes");
        assertEquals(16.0 / 9, (double) poster.getWidth() / poster.getHeight(), 0.01);
        String posterBytes = new String(Files.readAllBytes(out.resolve("poster.webp")), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertFalse(posterBytes.contains("EXIF") || posterBytes.contains("XMP "), "poster has no metadata chunks");

        String segmentProbe = TestClips.ffprobe("-show_format", "-show_streams", out.resolve("720p/seg_000.ts").toString());
        assertFalse(segmentProbe.contains("Secret Title"), segmentProbe);
        assertFalse(segmentProbe.contains("48.8584"), segmentProbe);
        assertFalse(segmentProbe.contains("PhoneCam"), segmentProbe);
        assertFalse(segmentProbe.contains("TAG:title"), segmentProbe);

        assertTrue(video.files().containsAll(List.of(Path.of("master.m3u8"), Path.of("poster.webp"),
                Path.of("360p/index.m3u8"), Path.of("720p/index.m3u8"), Path.of("360p/seg_000.ts"), Path.of("720p/seg_001.ts"))),
                video.files().toString());
        for (Path file : video.files()) {
            assertTrue(Files.isRegularFile(out.resolve(file)), file.toString());
        }
    }

    @Test
    void clipLongerThan90SecondsIsRejected() throws Exception {
        Path clip = TestClips.clip(dir.resolve("long.mp4"), 160, 90, 2, 91, false);

        MediaRejectedException e = assertThrows(MediaRejectedException.class,
                () -> processor.process(clip, "video/mp4", Files.createDirectories(dir.resolve("out"))));

        assertEquals("video longer than 90 seconds", e.reason());
    }

    @Test
    void jpegDeclaredAsMp4IsRejected() throws Exception {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", jpeg);
        Path file = Files.write(dir.resolve("photo.mp4"), jpeg.toByteArray());

        MediaRejectedException e = assertThrows(MediaRejectedException.class,
                () -> processor.process(file, "video/mp4", Files.createDirectories(dir.resolve("out"))));

        assertTrue(e.reason().contains("does not match"), e.reason());
        MediaRejectedException undeclared = assertThrows(MediaRejectedException.class,
                () -> processor.process(file, null, dir.resolve("out")));
        assertTrue(undeclared.reason().startsWith("unsupported type"), undeclared.reason());
    }

    @Test
    void randomBytesNamedMp4AreRejected() throws Exception {
        byte[] noise = new byte[64 * 1024];
        new Random(7).nextBytes(noise);
        Path file = Files.write(dir.resolve("noise.mp4"), noise);

        MediaRejectedException e = assertThrows(MediaRejectedException.class,
                () -> processor.process(file, "video/mp4", Files.createDirectories(dir.resolve("out"))));

        assertEquals("unsupported type", e.reason());
    }

    @Test
    void mp4WhoseStreamsAreGarbageIsRejectedAsCorrupt() throws Exception {
        byte[] clip = Files.readAllBytes(TestClips.clip(dir.resolve("ok.mp4"), 160, 90, 10, 1, false));
        byte[] truncated = java.util.Arrays.copyOf(clip, 40);
        Path file = Files.write(dir.resolve("broken.mp4"), truncated);

        MediaRejectedException e = assertThrows(MediaRejectedException.class,
                () -> processor.process(file, "video/mp4", Files.createDirectories(dir.resolve("out"))));

        assertTrue(e.reason().startsWith("corrupt or unreadable video: "), e.reason());
    }

    @Test
    void quickTimeClipIsAccepted() throws Exception {
        Path clip = TestClips.clip(dir.resolve("clip.mov"), 640, 360, 15, 2, true, "-f", "mov");
        Path out = Files.createDirectories(dir.resolve("out"));

        ProcessedVideo video = processor.process(clip, "video/quicktime", out);

        assertEquals(640, video.width());
        assertEquals(360, video.height());
        assertTrue(Files.readString(out.resolve("master.m3u8")).contains("360p/index.m3u8"));
        assertTrue(Files.isRegularFile(out.resolve("poster.webp")));
    }

    @Test
    void clipBelow360pGetsOneRungAtItsOwnSize() throws Exception {
        Path clip = TestClips.clip(dir.resolve("small.mp4"), 426, 240, 15, 1.5, false);
        Path out = Files.createDirectories(dir.resolve("out"));

        processor.process(clip, "video/mp4", out);

        String master = Files.readString(out.resolve("master.m3u8"));
        assertEquals(List.of("240p/index.m3u8"), master.lines().filter(line -> !line.startsWith("#")).toList());
        assertTrue(master.contains("RESOLUTION=426x240"), master);
        assertFalse(master.contains("mp4a"), "no audio codec advertised for a silent clip: " + master);
        BufferedImage poster = ImageIO.read(out.resolve("poster.webp").toFile());
        assertEquals(426, poster.getWidth());
        assertEquals(240, poster.getHeight());
    }

    @Test
    void rotatedPhoneClipIsReportedAndEncodedUpright() throws Exception {
        Path stored = TestClips.clip(dir.resolve("stored.mp4"), 640, 360, 10, 1, false);
        Path rotated = dir.resolve("rotated.mp4");
        TestClips.run("-i", stored.toString(), "-c", "copy", "-metadata:s:v:0", "rotate=90", rotated.toString());
        Path out = Files.createDirectories(dir.resolve("out"));

        ProcessedVideo video = processor.process(rotated, "video/mp4", out);

        assertEquals(360, video.width());
        assertEquals(640, video.height());
        assertTrue(Files.readString(out.resolve("master.m3u8")).contains("RESOLUTION=360x640"));
        BufferedImage poster = ImageIO.read(out.resolve("poster.webp").toFile());
        assertEquals(360, poster.getWidth());
        assertEquals(640, poster.getHeight());
    }

    private static JsonNode stream(JsonNode probe, String type) {
        for (JsonNode stream : probe.path("streams")) {
            if (stream.path("codec_type").asText().equals(type)) {
                return stream;
            }
        }
        return null;
    }
}
