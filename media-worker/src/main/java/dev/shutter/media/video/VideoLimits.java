package dev.shutter.media.video;

import dev.shutter.contracts.media.MediaKind;
import dev.shutter.media.photo.MediaRejectedException;
import java.util.Locale;
import java.util.OptionalLong;
import org.jboss.logging.Logger;

/**
 * What one video job may take from the machine. A photo is decoded on the heap and reserves its
 * share of it from {@code MemoryBudget}; a video is decoded by an ffmpeg child process, outside the
 * heap and out of the budget's sight, so its bounds are set on the process instead: a frame size
 * checked before ffmpeg decodes anything, a fixed number of threads, and an address-space limit
 * the kernel enforces whatever the stream turns out to contain.
 */
final class VideoLimits {

    private static final Logger LOG = Logger.getLogger(VideoLimits.class);

    /**
     * 8K UHD (7680×4320, 33.2 MP) in either orientation: the largest frame cameras record. The
     * ladder stops at 1080p, so anything larger only costs decode memory (ffmpeg keeps up to 16
     * reference frames of the source's size) and gives the feed nothing.
     */
    static final long MAX_FRAME_PIXELS = 7680L * 4320;

    /** A post's clip may be 90 s long, a story's 15 s. */
    static final long MAX_POST_DURATION_MS = 90_000;
    static final long MAX_STORY_DURATION_MS = 15_000;

    /**
     * Containers round and audio priming adds a few tens of milliseconds: a phone's "1:30" clip
     * must not be refused for reporting 90.04 s.
     */
    static final long DURATION_TOLERANCE_MS = 250;

    /**
     * ffmpeg's decoder, filter and encoder threads per job. Left alone each would take one per core,
     * each with its own frame buffers, so the memory one job needs would grow with the machine; the
     * worker already runs one upload per core.
     */
    static final int THREADS = 2;

    /**
     * JVM system property: the address space an ffmpeg or ffprobe process may map, as bytes or with
     * a k/m/g suffix ({@code 3g}); {@code off} removes the limit. Enforced through util-linux's
     * {@code prlimit}; a worker without it runs unlimited and says so once at start.
     */
    static final String ADDRESS_SPACE_PROPERTY = "shutter.video.address-space";

    /**
     * Measured with {@link #THREADS} threads: an 8K source encoded to the three rungs peaks near
     * 1.5 GiB of address space (0.8 GiB resident; ffmpeg's libraries alone map about 0.3 GiB), so 2 GiB
     * leaves headroom for real footage with more reference frames, and stops a stream whose frames
     * grow past what the probe saw (a later, larger SPS) from taking the machine down.
     */
    static final long DEFAULT_ADDRESS_SPACE = 2L << 30;

    private static final OptionalLong ADDRESS_SPACE =
            effective(configured(System.getProperty(ADDRESS_SPACE_PROPERTY)), ExternalCommand.onPath("prlimit"));

    private VideoLimits() {}

    /** The limit every ffmpeg and ffprobe run gets; empty when turned off or not enforceable here. */
    static OptionalLong addressSpace() {
        return ADDRESS_SPACE;
    }

    static long maxDurationMs(MediaKind kind) {
        return kind == MediaKind.STORY ? MAX_STORY_DURATION_MS : MAX_POST_DURATION_MS;
    }

    /** Refuses a clip longer than its kind allows (beyond the tolerance), in the words the client sees. */
    static void checkDuration(long durationMs, MediaKind kind) throws MediaRejectedException {
        long max = maxDurationMs(kind);
        if (durationMs > max + DURATION_TOLERANCE_MS) {
            throw new MediaRejectedException(String.format(Locale.ROOT, "%s longer than %d seconds",
                    kind == MediaKind.STORY ? "story video" : "video", max / 1000));
        }
    }

    /** The frame size refused, in the words the client sees. */
    static String frameTooLargeReason() {
        return String.format(Locale.ROOT, "video frame larger than %.1f megapixels", MAX_FRAME_PIXELS / 1e6);
    }

    /** A misspelt value keeps the default, loudly: a typo must not quietly remove a security limit. */
    static OptionalLong configured(String value) {
        if (value == null || value.isBlank()) {
            return OptionalLong.of(DEFAULT_ADDRESS_SPACE);
        }
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            LOG.warnf("-D%s=%s is not a size (e.g. 2g, 1536m or off); using %d MiB", ADDRESS_SPACE_PROPERTY, value,
                    DEFAULT_ADDRESS_SPACE >> 20);
            return OptionalLong.of(DEFAULT_ADDRESS_SPACE);
        }
    }

    static OptionalLong parse(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.isEmpty()) {
            throw new IllegalArgumentException("no size");
        }
        if (v.equals("off")) {
            return OptionalLong.empty();
        }
        int shift = switch (v.charAt(v.length() - 1)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        long number = Long.parseLong(shift == 0 ? v : v.substring(0, v.length() - 1));
        if (number <= 0 || number > Long.MAX_VALUE >> shift) {
            throw new IllegalArgumentException("not a positive size: " + value);
        }
        return OptionalLong.of(number << shift);
    }

    /** Called once, at class initialisation, so the warning is logged once per worker. */
    static OptionalLong effective(OptionalLong configured, boolean prlimitAvailable) {
        if (configured.isPresent() && !prlimitAvailable) {
            LOG.warnf("prlimit (util-linux) is not on PATH: ffmpeg and ffprobe run without the %d MiB address-space limit",
                    configured.getAsLong() >> 20);
            return OptionalLong.empty();
        }
        return configured;
    }
}
