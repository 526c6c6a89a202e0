package dev.shutter.explore.item;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Posts past the recency window leave the catalog and the indexes, every few minutes. */
@ApplicationScoped
public class CatalogSweeper {

    private final ItemIndexer indexer;

    CatalogSweeper(ItemIndexer indexer) {
        this.indexer = indexer;
    }

    @Scheduled(every = "10m", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        indexer.sweep();
    }
}
