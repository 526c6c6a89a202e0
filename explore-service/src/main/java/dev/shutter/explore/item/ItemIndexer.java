package dev.shutter.explore.item;

import dev.shutter.contracts.events.v1.Engagement;
import dev.shutter.contracts.events.v1.PostPublished;
import dev.shutter.explore.candidate.RetrievalGeneration;
import dev.shutter.explore.config.ExploreConfig;
import dev.shutter.explore.model.ActiveModels;
import dev.shutter.models.CaptionTokens;
import dev.shutter.models.ItemFeatures;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Consumer;

/**
 * Posts into the catalog and the index (the serving generation's and the one being built, so a
 * post published during a rebuild is in both), and out again on deletion, privacy and erasure.
 * Embedding is CPU work: it runs on a worker thread, never the event loop.
 */
@ApplicationScoped
public class ItemIndexer {

    private final ItemCatalog catalog;
    private final ActiveModels models;
    private final ExploreConfig config;

    ItemIndexer(ItemCatalog catalog, ActiveModels models, ExploreConfig config) {
        this.catalog = catalog;
        this.models = models;
        this.config = config;
    }

    public Uni<Void> published(PostPublished event) {
        return onWorker(() -> {
            long createdAt = event.getCreatedAt().getSeconds() * 1000 + event.getCreatedAt().getNanos() / 1_000_000;
            if (createdAt < System.currentTimeMillis() - config.window().toMillis() || catalog.get(event.getPostId()).isPresent()) {
                return;
            }
            float[] visual = event.hasMeanColour()
                    ? new float[] {event.getMeanColour().getRed(), event.getMeanColour().getGreen(), event.getMeanColour().getBlue()}
                    : null;
            ItemFeatures features = ItemFeatures.of(event.getHashtagsList(), CaptionTokens.of(event.getCaption()),
                    event.getAuthorId(), event.getVideo(), visual);
            CatalogItem item = new CatalogItem(event.getPostId(), event.getAuthorId(), createdAt, features, event.getVideo(),
                    event.getAuthorPrivate());
            catalog.add(item);
            eachGeneration(generation -> generation.add(List.of(item)));
        });
    }

    public Uni<Void> deleted(long postId) {
        return onWorker(() -> {
            catalog.remove(postId);
            eachGeneration(generation -> generation.remove(postId));
        });
    }

    /** Private: out of the index (kept in the catalog for the feed's scores). Public again: back in. */
    public Uni<Void> privacyChanged(long authorId, boolean isPrivate) {
        return onWorker(() -> {
            catalog.markPrivate(authorId, isPrivate);
            List<Long> posts = catalog.postsOf(authorId);
            if (isPrivate) {
                eachGeneration(generation -> generation.removeAuthor(authorId, posts));
            } else {
                List<CatalogItem> items = posts.stream().flatMap(id -> catalog.get(id).stream()).toList();
                eachGeneration(generation -> generation.add(items));
            }
        });
    }

    public Uni<Void> erased(long userId) {
        return onWorker(() -> {
            List<Long> posts = catalog.removeAuthor(userId);
            eachGeneration(generation -> generation.removeAuthor(userId, posts));
        });
    }

    /** Counts and velocity of the post (views are not engagement here). */
    public Uni<Void> engaged(Engagement event) {
        int delta = switch (event.getAction()) {
            case LIKE, SAVE, COMMENT -> 1;
            case UNLIKE, UNSAVE, UNCOMMENT -> -1;
            default -> 0;
        };
        if (delta != 0) {
            long at = event.getAt().getSeconds() * 1000 + event.getAt().getNanos() / 1_000_000;
            catalog.get(event.getPostId()).ifPresent(item ->
                    item.engage(delta, at == 0 ? System.currentTimeMillis() : at, config.trending().halfLife().toMillis()));
        }
        return Uni.createFrom().voidItem();
    }

    /** Drops posts past the recency window from the catalog and every index. */
    public void sweep() {
        List<Long> old = catalog.removeOlderThan(System.currentTimeMillis() - config.window().toMillis());
        eachGeneration(generation -> old.forEach(generation::remove));
    }

    private void eachGeneration(Consumer<RetrievalGeneration> change) {
        models.retrieval().ifPresent(change);
        models.previousRetrieval().ifPresent(change);
        models.building().ifPresent(change);
    }

    private static Uni<Void> onWorker(Runnable work) {
        return Uni.createFrom().<Void>item(() -> {
            work.run();
            return null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
