package dev.shutter.explore.trending;

import dev.shutter.explore.config.ExploreConfig;
import dev.shutter.explore.item.AuthorStats;
import dev.shutter.explore.item.CatalogItem;
import dev.shutter.explore.item.ItemCatalog;
import dev.shutter.models.RankerFeatures;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;

/**
 * Public posts ranked by engagement velocity (engagements decayed with a half-life), recomputed
 * every {@code shutter.explore.trending.refresh} from the catalog: what Explore shows a user
 * without a history, and whenever the personalised path fails. The same filters apply per user.
 */
@ApplicationScoped
public class TrendingPosts {

    private final ItemCatalog catalog;
    private final ExploreConfig config;
    private volatile List<CatalogItem> ranked = List.of();
    private volatile AuthorStats authors = AuthorStats.EMPTY;

    TrendingPosts(ItemCatalog catalog, ExploreConfig config) {
        this.catalog = catalog;
        this.config = config;
    }

    /** Best first; the newest posts among equals (a quiet network still gets a recent grid). */
    public List<CatalogItem> ranked() {
        return ranked;
    }

    /** The authors' recent posts and engagements, as of the last refresh (the ranker reads them). */
    public AuthorStats authors() {
        return authors;
    }

    @Scheduled(every = "${shutter.explore.trending.refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void refresh() {
        long now = System.currentTimeMillis();
        long halfLife = config.trending().halfLife().toMillis();
        authors = AuthorStats.of(catalog.all(), now - RankerFeatures.AUTHOR_WINDOW.toMillis());
        record Velocity(CatalogItem item, double value) {}
        ranked = catalog.all().stream()
                .filter(item -> !item.authorPrivate())
                .map(item -> new Velocity(item, item.velocityAt(now, halfLife)))
                .sorted(Comparator.comparingDouble(Velocity::value).reversed()
                        .thenComparing(Comparator.comparingLong((Velocity v) -> v.item().createdAtMillis()).reversed()))
                .limit(config.trending().size())
                .map(Velocity::item)
                .toList();
    }
}
