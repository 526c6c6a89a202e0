package dev.shutter.explore.item;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The recent posts this instance knows, fed by its own subscription (every instance sees every
 * post): the item tower's inputs for re-embedding with a new tower, and the counts the ranker,
 * trending and the feed's engagement scores read. In memory, written to disk by {@link CatalogSnapshot}.
 */
@ApplicationScoped
public class ItemCatalog {

    private final Map<Long, CatalogItem> items = new ConcurrentHashMap<>();
    private final Map<Long, Set<Long>> byAuthor = new ConcurrentHashMap<>();

    public void add(CatalogItem item) {
        items.put(item.postId(), item);
        byAuthor.computeIfAbsent(item.authorId(), a -> ConcurrentHashMap.newKeySet()).add(item.postId());
    }

    public Optional<CatalogItem> get(long postId) {
        return Optional.ofNullable(items.get(postId));
    }

    public Optional<CatalogItem> remove(long postId) {
        CatalogItem item = items.remove(postId);
        if (item != null) {
            Set<Long> posts = byAuthor.get(item.authorId());
            if (posts != null) {
                posts.remove(postId);
            }
        }
        return Optional.ofNullable(item);
    }

    /** Every post of the author, removed; their IDs. */
    public List<Long> removeAuthor(long authorId) {
        Set<Long> posts = byAuthor.remove(authorId);
        if (posts == null) {
            return List.of();
        }
        List<Long> removed = new ArrayList<>(posts);
        removed.forEach(items::remove);
        return removed;
    }

    /** The IDs of the author's posts in the catalog. */
    public List<Long> postsOf(long authorId) {
        Set<Long> posts = byAuthor.get(authorId);
        return posts == null ? List.of() : List.copyOf(posts);
    }

    /** Marks the author's posts private or public again. */
    public void markPrivate(long authorId, boolean isPrivate) {
        Set<Long> posts = byAuthor.get(authorId);
        if (posts != null) {
            posts.forEach(id -> get(id).ifPresent(item -> item.markPrivate(isPrivate)));
        }
    }

    /** Removes posts made before {@code cutoffMillis}; how many went. */
    public List<Long> removeOlderThan(long cutoffMillis) {
        List<Long> old = items.values().stream().filter(item -> item.createdAtMillis() < cutoffMillis)
                .map(CatalogItem::postId).toList();
        old.forEach(this::remove);
        return old;
    }

    public Collection<CatalogItem> all() {
        return items.values();
    }

    public int size() {
        return items.size();
    }
}
