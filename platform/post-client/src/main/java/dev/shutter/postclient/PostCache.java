package dev.shutter.postclient;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.shutter.contracts.post.v1.Post;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Posts as post-service hydrates them, kept in this process for a short while (bounded, 60 s by
 * default) so that a popular post is fetched once for all its readers. The cached part is the
 * same for every viewer; the viewer's own part ({@code likedByMe}, {@code savedByMe}, whether
 * they may see it) is never taken from here. Posts missing from the cache are fetched in one
 * batch per request, and a post already being fetched for another request is waited for rather
 * than fetched again ({@link SingleFlight#runAll}).
 */
@ApplicationScoped
public class PostCache {

    private final PostQueryClient posts;
    private final Cache<Long, Post> cache;
    private final SingleFlight<Long> fetches = new SingleFlight<>();

    PostCache(PostQueryClient posts, PostClientConfig config, MeterRegistry meters) {
        this.posts = posts;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(config.cache().ttl())
                .maximumSize(config.cache().maxPosts())
                .recordStats()
                .build();
        FunctionCounter.builder("shutter.post_cache.hits", cache, c -> c.stats().hitCount()).register(meters);
        FunctionCounter.builder("shutter.post_cache.misses", cache, c -> c.stats().missCount()).register(meters);
        Gauge.builder("shutter.post_cache.hit.ratio", cache, c -> c.stats().hitRate())
                .description("Share of posts served from the hydration cache").register(meters);
        Gauge.builder("shutter.post_cache.size", cache, Cache::estimatedSize).register(meters);
    }

    /** The posts found, by ID; a post post-service did not return for this viewer is absent. */
    public Uni<Map<Long, Post>> get(Viewer viewer, List<Long> postIds) {
        Map<Long, Post> found = new HashMap<>();
        List<Long> missing = new ArrayList<>();
        for (long id : postIds) {
            Post cached = cache.getIfPresent(id);
            if (cached != null) {
                found.put(id, cached);
            } else {
                missing.add(id);
            }
        }
        if (missing.isEmpty()) {
            return Uni.createFrom().item(found);
        }
        return fetches.runAll(missing, ids -> posts.batchGet(viewer, ids).map(loaded -> {
            Map<Long, Post> byId = new HashMap<>();
            loaded.forEach(post -> {
                cache.put(post.getPostId(), post);
                byId.put(post.getPostId(), post);
            });
            return byId;
        })).map(fetched -> {
            found.putAll(fetched);
            return found;
        });
    }

    /** Forgets a post (deleted): the next reader fetches it again, and post-service leaves it out. */
    public void forget(long postId) {
        cache.invalidate(postId);
    }
}
