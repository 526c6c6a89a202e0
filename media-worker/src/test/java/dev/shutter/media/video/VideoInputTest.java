package dev.shutter.media.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shutter.contracts.media.MediaType;
import dev.shutter.media.RequiredTool;
import dev.shutter.media.photo.MediaRejectedException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An upload is read as the one file it is. The playlists here name {@code secret.mp4} next to them;
 * unforced, ffprobe and ffmpeg would open it (and, from an m3u8, an http URL just as readily).
 */
class VideoInputTest {

    private static final String FFCONCAT = "ffconcat version 1.0\nfile secret.mp4\n";
    private static final String M3U8 = "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4.0,\nsecret.mp4\n#EXT-X-ENDLIST\n";

    @TempDir
    Path dir;

    @Test
    void mp4AndQuickTimeAreBothReadByTheMovDemuxer() {
        assertEquals("mov", VideoInput.of(dir.resolve("a"), MediaType.MP4).demuxer());
        assertEquals("mov", VideoInput.of(dir.resolve("a"), MediaType.QUICKTIME).demuxer());
        assertThrows(IllegalArgumentException.class, () -> VideoInput.of(dir.resolve("a"), MediaType.JPEG));
    }

    @Test
    void everyCommandForcesTheDemuxerAndTheFileProtocolBeforeItsOnlyInput() {
        VideoInput input = VideoInput.of(dir.resolve("upload.bin"), MediaType.MP4);
        List<Rung> rungs = Rung.ladder(1920, 1080);

        for (List<String> cmd : List.of(VideoProbe.command(input),
                HlsEncoder.command(input, true, rungs, dir),
                Poster.command(input, 5_000, rungs.getLast(), dir.resolve("poster.png")))) {
            int i = cmd.indexOf("-i");
            assertEquals(i, cmd.lastIndexOf("-i"), "one input: " + cmd);
            assertEquals("file:" + dir.resolve("upload.bin").toAbsolutePath(), cmd.get(i + 1));
            List<String> inputOptions = cmd.subList(0, i);
            assertTrue(Collections.indexOfSubList(inputOptions, List.of("-f", "mov")) >= 0, cmd.toString());
            assertTrue(Collections.indexOfSubList(inputOptions, List.of("-protocol_whitelist", "file")) >= 0, cmd.toString());
            assertTrue(Collections.indexOfSubList(inputOptions, List.of("-enable_drefs", "0")) >= 0, cmd.toString());
            assertTrue(Collections.indexOfSubList(inputOptions, List.of("-threads", "2")) >= 0, "decoder threads: " + cmd);
        }
        List<String> encode = HlsEncoder.command(input, true, rungs, dir);
        List<String> outputOptions = encode.subList(encode.indexOf("-i"), encode.size());
        assertTrue(Collections.indexOfSubList(outputOptions, List.of("-threads", "2")) >= 0, "encoder threads: " + encode);
        assertTrue(Collections.indexOfSubList(encode, List.of("-filter_complex_threads", "2")) >= 0, encode.toString());
    }

    /** The fixtures are real attacks: left to guess, ffprobe follows them to the clip they name. */
    @ParameterizedTest
    @ValueSource(strings = {FFCONCAT, M3U8})
    void unforcedFfprobeFollowsThePlaylist(String playlist) throws Exception {
        RequiredTool.require(VideoProcessor.available(), "ffmpeg and ffprobe");
        TestClips.clip(dir.resolve("secret.mp4"), 160, 90, 10, 1, false);
        Path upload = Files.writeString(dir.resolve("upload.bin"), playlist);

        String probe = TestClips.ffprobe("-show_entries", "stream=width,height", "-of", "csv", "file:" + upload.toAbsolutePath());

        assertTrue(probe.contains("160,90"), probe);
    }

    @ParameterizedTest
    @ValueSource(strings = {FFCONCAT, M3U8})
    void playlistIsRejectedWithoutOpeningTheFileItNames(String playlist) throws Exception {
        RequiredTool.require(VideoProcessor.available(), "ffmpeg and ffprobe");
        Path upload = Files.writeString(dir.resolve("upload.bin"), playlist);
        // The VideoProcessor would already refuse it by its bytes; this is the layer below, on its own.
        VideoInput input = VideoInput.of(upload, MediaType.MP4);
        Rung rung = Rung.ladder(640, 360).getFirst();
        Path out = Files.createDirectories(dir.resolve("out"));

        try (OpenWatch secret = new OpenWatch(dir.resolve("secret.mp4"))) {
            assertRejectedAsCorrupt(() -> VideoProbe.of(input, dev.shutter.contracts.media.MediaKind.POST));
            assertRejectedAsCorrupt(() -> HlsEncoder.encode(input, new VideoProbe(4_000, 640, 360, false), List.of(rung), out));
            assertRejectedAsCorrupt(() -> Poster.write(input, 4_000, rung, out.resolve(Poster.FILE_NAME)));

            assertFalse(secret.opened(), "ffmpeg opened the file the playlist names");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {FFCONCAT, M3U8})
    void playlistUploadIsRefusedByTheProcessor(String playlist) throws Exception {
        RequiredTool.require(VideoProcessor.available(), "ffmpeg and ffprobe");
        Path upload = Files.writeString(dir.resolve("upload.mp4"), playlist);

        try (OpenWatch secret = new OpenWatch(dir.resolve("secret.mp4"))) {
            MediaRejectedException e = assertThrows(MediaRejectedException.class,
                    () -> new VideoProcessor().process(upload, "video/mp4", Files.createDirectories(dir.resolve("out"))));

            assertEquals("unsupported type", e.reason());
            assertFalse(secret.opened());
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void assertRejectedAsCorrupt(Step step) {
        MediaRejectedException e = assertThrows(MediaRejectedException.class, step::run);
        assertTrue(e.reason().startsWith("corrupt or unreadable video: "), e.reason());
    }

    /**
     * A named pipe that notices being opened: opening a FIFO for writing blocks until someone opens
     * it for reading, so a writer thread waiting on it returns exactly when something reads it. The
     * writer opens it again each time, so a second reader gets an empty file too instead of hanging.
     */
    private static final class OpenWatch implements AutoCloseable {

        private final Path fifo;
        private final AtomicBoolean opened = new AtomicBoolean();
        private final AtomicBoolean closing = new AtomicBoolean();
        private final Thread writer;

        OpenWatch(Path fifo) throws IOException {
            this.fifo = fifo;
            ExternalCommand.Result made = ExternalCommand.run(List.of("mkfifo", fifo.toString()), Duration.ofSeconds(10));
            assertEquals(0, made.exitCode(), made.stderr());
            writer = Thread.ofPlatform().daemon().start(() -> {
                while (!closing.get()) {
                    try (OutputStream out = Files.newOutputStream(fifo)) {
                        opened.compareAndSet(false, !closing.get());
                    } catch (IOException e) {
                        // The reader went away; what matters is whether it came.
                    }
                }
            });
        }

        boolean opened() {
            return opened.get();
        }

        /** Lets the writer go; opening the pipe read-write never blocks on Linux. */
        @Override
        public void close() throws Exception {
            closing.set(true);
            try (RandomAccessFile release = new RandomAccessFile(fifo.toFile(), "rw")) {
                writer.join(5_000);
            }
            assertFalse(writer.isAlive(), "the watch on " + fifo + " did not end");
        }
    }
}
