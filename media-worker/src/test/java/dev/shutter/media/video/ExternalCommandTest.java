package dev.shutter.media.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shutter.contracts.media.MediaType;
import dev.shutter.media.RequiredTool;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalCommandTest {

    @Test
    void processIsKilledOnTimeout() {
        IOException e = assertThrows(IOException.class,
                () -> ExternalCommand.run(List.of("sleep", "30"), Duration.ofMillis(300)));

        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        assertNoSleepChildren();
    }

    @Test
    void processIsKilledWhenTheWorkerThreadIsInterrupted() throws Exception {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Thread worker = Thread.ofPlatform().start(() -> {
            try {
                ExternalCommand.run(List.of("sh", "-c", "sleep 30; true"), Duration.ofMinutes(1));
                failure.complete(null);
            } catch (Throwable t) {
                failure.complete(t);
            }
        });
        Thread.sleep(300);
        worker.interrupt();

        assertInstanceOf(InterruptedIOException.class, failure.get(10, TimeUnit.SECONDS));
        worker.join(5_000);
        assertNoSleepChildren();
    }

    @Test
    void everyRunGetsTheDefaultAddressSpaceLimit() throws Exception {
        RequiredTool.require(ExternalCommand.onPath("prlimit"), "prlimit (util-linux)");

        ExternalCommand.Result result = ExternalCommand.run(List.of("sh", "-c", "ulimit -v"), Duration.ofSeconds(10));

        assertEquals(String.valueOf(VideoLimits.DEFAULT_ADDRESS_SPACE >> 10), result.stdout().strip(), "KiB, as ulimit -v says");
    }

    @Test
    void ffmpegOverTheLimitFailsAndSaysSoInsteadOfHanging(@TempDir Path dir) throws Exception {
        RequiredTool.require(ExternalCommand.onPath("prlimit"), "prlimit (util-linux)");
        RequiredTool.require(VideoProcessor.available(), "ffmpeg and ffprobe");
        Path clip = TestClips.clip(dir.resolve("uhd.mp4"), 3840, 2160, 10, 1, false);
        List<String> encode = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error"));
        encode.addAll(VideoInput.of(clip, MediaType.MP4).arguments());
        // x264 on 4K frames needs over 1 GiB; 512 MiB is room for ffmpeg's libraries (about 300 MiB) and little else.
        encode.addAll(List.of("-threads", "2", "-c:v", "libx264", "-preset", "veryfast", "-f", "null", "-"));

        long start = System.nanoTime();
        ExternalCommand.Result limited = ExternalCommand.run(encode, Duration.ofMinutes(1), OptionalLong.of(512L << 20));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertFalse(limited.succeeded(), limited.toString());
        assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "took " + took);
        String reason = limited.rejection().reason();
        assertTrue(reason.equals(ExternalCommand.OUT_OF_MEMORY) || reason.startsWith("corrupt or unreadable video: "), reason);
        assertTrue(ExternalCommand.run(encode, Duration.ofMinutes(1), OptionalLong.empty()).succeeded(), "unlimited, the same encode works");
    }

    @Test
    void aLimitTooSmallToStartIsTheWorkersFaultNotTheUploads() {
        RequiredTool.require(ExternalCommand.onPath("prlimit"), "prlimit (util-linux)");
        RequiredTool.require(VideoProcessor.available(), "ffmpeg and ffprobe");

        IOException e = assertThrows(IOException.class,
                () -> ExternalCommand.run(List.of("ffmpeg", "-version"), Duration.ofSeconds(10), OptionalLong.of(32L << 20)));

        assertTrue(e.getMessage().startsWith("ffmpeg could not start within 32 MiB of address space"), e.getMessage());
    }

    @Test
    void aFailedAllocationUnderTheLimitIsNoSuccessEvenWithExitCodeZero() {
        // As ffmpeg 5.1 printed them, the first with exit code 0.
        ExternalCommand.Result carriedOn = ExternalCommand.Result.of(0, "", "color=size=16000x16000: Cannot allocate memory\n", true);
        ExternalCommand.Result x264 = ExternalCommand.Result.of(1, "",
                "x264 [error]: malloc of size 112289280 failed\nError submitting video frame to the encoder\n", true);

        assertFalse(carriedOn.succeeded());
        assertEquals(ExternalCommand.OUT_OF_MEMORY, carriedOn.rejection().reason());
        assertEquals(ExternalCommand.OUT_OF_MEMORY, x264.rejection().reason());
    }

    @Test
    void withoutALimitOrWithoutAnAllocationFailureTheReasonIsFfmpegsOwn() {
        ExternalCommand.Result unlimited = ExternalCommand.Result.of(1, "", "Error: Cannot allocate memory\n", false);
        ExternalCommand.Result broken = ExternalCommand.Result.of(1, "", "\n[mov,mp4,m4a,3gp,3g2,mj2 @ 0x1] moov atom not found\n", true);

        assertEquals("corrupt or unreadable video: Error: Cannot allocate memory", unlimited.rejection().reason());
        assertEquals("corrupt or unreadable video: [mov,mp4,m4a,3gp,3g2,mj2 @ 0x1] moov atom not found", broken.rejection().reason());
        assertEquals("corrupt or unreadable video: exit code 1", ExternalCommand.Result.of(1, "", "", true).rejection().reason());
    }

    @Test
    void limitIsSetByPrlimitWhichThenBecomesTheCommand() {
        assertEquals(List.of("prlimit", "--as=1048576", "--", "ffprobe", "-v", "error"),
                ExternalCommand.limited(List.of("ffprobe", "-v", "error"), OptionalLong.of(1L << 20)));
        assertEquals(List.of("ffprobe"), ExternalCommand.limited(List.of("ffprobe"), OptionalLong.empty()));
    }

    private static void assertNoSleepChildren() {
        assertFalse(ProcessHandle.current().descendants()
                        .anyMatch(p -> p.isAlive() && p.info().command().orElse("").matches(".*/(sleep|sh)$")),
                "a child process survived");
    }
}
