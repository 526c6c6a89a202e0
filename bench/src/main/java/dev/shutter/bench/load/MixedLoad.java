package dev.shutter.bench.load;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives the mix at a fixed arrival rate (open loop: an operation starts on schedule whether or
 * not earlier ones have finished, so a slow server shows as latency rather than as a lower
 * rate hiding it). Each operation is one user doing one thing: reading their feed, liking a
 * post, posting a photo (create + upload, then followed to a follower's feed), or following
 * someone new.
 */
final class MixedLoad {

    /** Operations in flight at most; beyond it the generator, not the server, would be the limit. */
    static final int MAX_IN_FLIGHT = 2_000;

    private final ApiClient api;
    private final Sessions sessions;
    private final PhotoPoster poster;
    private final FeedVisibility visibility;
    private final Network network;
    private final LoadOptions options;
    private final ProgressLine progress;
    final AtomicLong issued = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong posts = new AtomicLong();
    final AtomicLong newFollows = new AtomicLong();
    private long drivenNanos;

    MixedLoad(ApiClient api, Sessions sessions, PhotoPoster poster, FeedVisibility visibility, Network network,
            LoadOptions options, ProgressLine progress) {
        this.api = api;
        this.sessions = sessions;
        this.poster = poster;
        this.visibility = visibility;
        this.network = network;
        this.options = options;
        this.progress = progress;
    }

    void run(Random random) throws InterruptedException {
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        long interval = (long) (1e9 / options.rate());
        long start = System.nanoTime();
        long end = start + options.duration().toNanos();
        long next = start;
        long lastProgress = start;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            while (next < end) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(Duration.ofNanos(wait));
                }
                Operation operation = pick(random);
                long opSeed = random.nextLong();
                issued.incrementAndGet();
                if (inFlight.tryAcquire()) {
                    executor.execute(() -> {
                        try {
                            operation.run(new Random(opSeed));
                        } finally {
                            inFlight.release();
                        }
                    });
                } else {
                    dropped.incrementAndGet();
                }
                next += interval;
                if (System.nanoTime() - lastProgress > 1_000_000_000L) {
                    lastProgress = System.nanoTime();
                    showProgress(start, MAX_IN_FLIGHT - inFlight.availablePermits());
                }
            }
            drivenNanos = System.nanoTime() - start;
            progress.show("drive: done issuing; waiting for " + (MAX_IN_FLIGHT - inFlight.availablePermits())
                    + " operations in flight");
            executor.shutdown();
            executor.awaitTermination(2, TimeUnit.MINUTES);
        }
        progress.done("drive: %d operations in %.0f s (%.1f/s), %d not started (generator limit)".formatted(
                issued.get(), drivenNanos / 1e9, issued.get() / (drivenNanos / 1e9), dropped.get()));
    }

    double drivenSeconds() {
        return drivenNanos / 1e9;
    }

    private void showProgress(long start, int inFlight) {
        double seconds = (System.nanoTime() - start) / 1e9;
        Measurements m = api.measurements();
        Measurements.Endpoint feed = m.endpoints().get("GET /v1/feed");
        progress.show("drive: %3.0f/%d s  %.1f ops/s  in flight %d  5xx %d  feed p99 %s  upload→feed seen %d".formatted(
                seconds, options.duration().toSeconds(), issued.get() / seconds, inFlight, m.serverErrors(),
                feed == null ? "-" : "%.0f ms".formatted(feed.latencies().percentileMillis(99)),
                visibility.uploadToFeed().count()));
    }

    @FunctionalInterface
    private interface Operation {
        void run(Random random);
    }

    private Operation pick(Random random) {
        LoadOptions.Mix mix = options.mix();
        int roll = random.nextInt(mix.total());
        if ((roll -= mix.feed()) < 0) {
            return this::readFeed;
        }
        if ((roll -= mix.like()) < 0) {
            return this::like;
        }
        if ((roll -= mix.post()) < 0) {
            return this::post;
        }
        return this::follow;
    }

    private void readFeed(Random random) {
        Account reader = network.randomAccount(random);
        api.call("GET /v1/feed", "GET", "/v1/feed?limit=20", sessions.tokenOf(reader), null);
    }

    private void like(Random random) {
        if (network.readyPosts.isEmpty()) {
            readFeed(random);
            return;
        }
        Account liker = network.randomAccount(random);
        String postId = network.readyPosts.get(random.nextInt(network.readyPosts.size()));
        if (api.call("PUT /v1/posts/{id}/like", "PUT", "/v1/posts/" + postId + "/like", sessions.tokenOf(liker), null).ok()) {
            network.ledger.liked(postId, liker);
        }
    }

    private void post(Random random) {
        Account author = network.randomAccount(random);
        PhotoPoster.Posted posted = poster.post(author, random);
        if (posted != null) {
            network.ledger.accepted(posted);
            posts.incrementAndGet();
            visibility.track(posted, random);
        }
    }

    private void follow(Random random) {
        Account follower = network.randomAccount(random);
        Account target = network.randomAccount(random);
        if (target == follower || follower.following.contains(target.userId)) {
            return;
        }
        ApiClient.Answer answer = api.call("PUT /v1/users/{id}/follow", "PUT", "/v1/users/" + target.userId + "/follow",
                sessions.tokenOf(follower), null);
        if (answer.ok() && follower.following.add(target.userId)) {
            target.followers.add(follower);
            newFollows.incrementAndGet();
        }
    }
}
