package dev.shutter.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shutter.bench.LatencyRecorder;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time from a post's upload to its appearance, processed, in a follower's feed: after the upload
 * answers, one follower's first feed page is read every {@link #POLL} until the post is there,
 * ready, with its {@code hq} variant, and that variant is fetched through the media route.
 * Probes are measured under their own endpoint name so the mix's feed figures stay the mix's.
 */
final class FeedVisibility {

    static final Duration POLL = Duration.ofMillis(100);

    /** A post that never showed up (or showed up unprocessed), with what was seen last. */
    record Missing(String postId, String author, String follower, String lastSeen) {}

    private final ApiClient api;
    private final Sessions sessions;
    private final Duration timeout;
    private final Semaphore slots;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final LatencyRecorder uploadToFeed = new LatencyRecorder(1024);
    private final List<Missing> missing = new CopyOnWriteArrayList<>();
    private final AtomicLong untracked = new AtomicLong();
    private final AtomicLong withoutFollowers = new AtomicLong();
    private final AtomicLong tracked = new AtomicLong();
    private final java.util.function.Consumer<String> onVisible;
    private final boolean viaFeed;

    /**
     * @param maxTracked posts followed at once; more are counted as untracked (0: no limit)
     * @param onVisible told of each post seen processed in a feed (from then on it can be liked)
     */
    FeedVisibility(ApiClient api, Sessions sessions, Duration timeout, int maxTracked,
            java.util.function.Consumer<String> onVisible, boolean viaFeed) {
        this.onVisible = onVisible;
        this.viaFeed = viaFeed;
        this.api = api;
        this.sessions = sessions;
        this.timeout = timeout;
        this.slots = new Semaphore(maxTracked <= 0 ? Integer.MAX_VALUE : maxTracked);
    }

    void track(PhotoPoster.Posted post, Random random) {
        List<Account> followers = post.author().followers;
        if (followers.isEmpty()) {
            withoutFollowers.incrementAndGet();
            return;
        }
        if (!slots.tryAcquire()) {
            untracked.incrementAndGet();
            return;
        }
        tracked.incrementAndGet();
        Account follower = followers.get(random.nextInt(followers.size()));
        executor.execute(() -> {
            try {
                follow(post, follower);
            } finally {
                slots.release();
            }
        });
    }

    private void follow(PhotoPoster.Posted post, Account follower) {
        long deadline = post.uploadedNanos() + timeout.toNanos();
        String lastSeen = "no answer";
        while (System.nanoTime() < deadline) {
            ApiClient.Answer feed = viaFeed
                    ? api.call("GET /v1/feed (visibility probe)", "GET", "/v1/feed?limit=50", sessions.tokenOf(follower), null)
                    : api.call("GET /v1/posts/{id} (visibility probe)", "GET", "/v1/posts/" + post.postId(),
                            sessions.tokenOf(follower), null);
            lastSeen = feed.ok() ? "not in the feed" : "answered " + feed.status();
            Iterable<JsonNode> items = viaFeed ? feed.body().path("items") : List.of(feed.body());
            for (JsonNode item : items) {
                if (!item.path("postId").asText().equals(post.postId())) {
                    continue;
                }
                String hq = item.path("media").path(0).path("variants").path("hq").asText("");
                if (!item.path("status").asText("ready").equals("ready") || hq.isEmpty()) {
                    lastSeen = "in the feed but not processed: " + item.path("status").asText() + ", hq=" + hq;
                    break;
                }
                long appeared = System.nanoTime();
                int media = api.fetchMedia(hq);
                if (media != 200) {
                    lastSeen = "in the feed, but its hq variant answered " + media;
                    break;
                }
                uploadToFeed.record(appeared - post.uploadedNanos());
                onVisible.accept(post.postId());
                return;
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        missing.add(new Missing(post.postId(), post.author().username, follower.username, lastSeen));
    }

    /** Waits for the posts still being followed (each ends by its own timeout). */
    void finish() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(timeout.toMillis() + 10_000, TimeUnit.MILLISECONDS);
    }

    LatencyRecorder uploadToFeed() {
        return uploadToFeed;
    }

    List<Missing> missing() {
        return List.copyOf(missing);
    }

    long tracked() {
        return tracked.get();
    }

    long untracked() {
        return untracked.get();
    }

    long withoutFollowers() {
        return withoutFollowers.get();
    }
}
