package dev.shutter.feed.hydrate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.shutter.contracts.post.v1.Post;
import dev.shutter.feed.config.FeedConfig;
import dev.shutter.feed.postquery.PostQueryClient;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Posts as post-service hydrates them, kept in this process for a short while (bounded, 60 s by
 * default) so that a popular post is fetched once for all its readers. The cached part is the
 * same for every viewer; the viewer's own part ({@code likedByMe}, {@code savedByMe}, whether
 * they may see it) is never taken from here. Posts missing from the cache are fetched in one
 * batch per request, and a post already being fetched for another request is waited for rather
 * than fetched again (single flight per post).
 */
@ApplicationScoped
public class PostCache {

    private final PostQueryClient posts;
    private final Cache<Long, Post> cache;
    private final Map<Long, CompletableFuture<Post>> loading = new ConcurrentHashMap<>();

    PostCache(PostQueryClient posts, FeedConfig config, MeterRegistry meters) {
        this.posts = posts;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(config.hydration().ttl())
                .maximumSize(config.hydration().maxPosts())
                .recordStats()
                .build();
        FunctionCounter.builder("feed.hydration.cache.hits", cache, c -> c.stats().hitCount()).register(meters);
        FunctionCounter.builder("feed.hydration.cache.misses", cache, c -> c.stats().missCount()).register(meters);
        Gauge.builder("feed.hydration.cache.hit.ratio", cache, c -> c.stats().hitRate())
                .description("Share of posts served from the hydration cache").register(meters);
        Gauge.builder("feed.hydration.cache.size", cache, Cache::estimatedSize).register(meters);
    }

    /** The posts found, by ID; a post post-service did not return for this viewer is absent. */
    public Uni<Map<Long, Post>> get(long viewerId, List<Long> postIds) {
        Map<Long, Post> found = new HashMap<>();
        Map<Long, CompletableFuture<Post>> joined = new HashMap<>();
        Map<Long, CompletableFuture<Post>> mine = new HashMap<>();
        for (long id : postIds) {
            Post cached = cache.getIfPresent(id);
            if (cached != null) {
                found.put(id, cached);
                continue;
            }
            CompletableFuture<Post> flight = new CompletableFuture<>();
            CompletableFuture<Post> running = loading.putIfAbsent(id, flight);
            if (running == null) {
                mine.put(id, flight);
            } else {
                joined.put(id, running);
            }
        }
        // Another request's failed fetch only leaves its posts out here; this request's own failure is its answer.
        return load(viewerId, mine).chain(() -> Uni.createFrom().completionStage(
                        CompletableFuture.allOf(joined.values().toArray(CompletableFuture[]::new)).handle((done, failed) -> done)))
                .map(ignored -> {
                    collect(found, mine);
                    collect(found, joined);
                    return found;
                });
    }

    /** Forgets a post (deleted): the next reader fetches it again, and post-service leaves it out. */
    public void forget(long postId) {
        cache.invalidate(postId);
    }

    private Uni<Void> load(long viewerId, Map<Long, CompletableFuture<Post>> flights) {
        if (flights.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Long> ids = new ArrayList<>(flights.keySet());
        return posts.batchGet(viewerId, ids)
                .invoke(loaded -> {
                    loaded.forEach(post -> cache.put(post.getPostId(), post));
                    loaded.forEach(post -> settle(post.getPostId(), flights.get(post.getPostId()), post));
                    flights.forEach((id, flight) -> settle(id, flight, null));
                })
                .onFailure().invoke(failure -> flights.forEach((id, flight) -> {
                    loading.remove(id, flight);
                    flight.completeExceptionally(failure);
                }))
                .replaceWithVoid();
    }

    private void settle(long id, CompletableFuture<Post> flight, Post post) {
        if (flight != null && flight.complete(post)) {
            loading.remove(id, flight);
        }
    }

    private static void collect(Map<Long, Post> found, Map<Long, CompletableFuture<Post>> flights) {
        flights.forEach((id, flight) -> {
            Post post = flight.isDone() && !flight.isCompletedExceptionally() ? flight.getNow(null) : null;
            if (post != null) {
                found.put(id, post);
            }
        });
    }
}
