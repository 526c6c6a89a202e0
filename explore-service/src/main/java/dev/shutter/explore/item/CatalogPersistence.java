package dev.shutter.explore.item;

import dev.shutter.explore.candidate.RetrievalGeneration;
import dev.shutter.explore.config.ExploreConfig;
import dev.shutter.explore.model.ActiveModels;
import dev.shutter.models.ModelStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The catalog snapshot ({@link CatalogSnapshot}) in {@code {shutter.data-dir}/catalog.snapshot}:
 * read before the subscriptions and the models start, written every {@code
 * shutter.explore.index.snapshot-interval} and at shutdown, and copied each time to the model
 * store ({@code snapshots/{index.snapshot-name}}), where an instance whose disk starts empty (Cloud
 * Run, a new machine) restores it from. A crash loses at most one interval of catalog changes
 * (their events were acknowledged); the vectors are only a shortcut. A stale snapshot cannot show
 * what must stay hidden: hydration through post-service checks every post for the viewer.
 */
@ApplicationScoped
public class CatalogPersistence {

    private static final Logger LOG = Logger.getLogger(CatalogPersistence.class);

    private final ItemCatalog catalog;
    private final ActiveModels models;
    private final ModelStore store;
    private final String storedName;
    private final Path file;

    CatalogPersistence(ItemCatalog catalog, ActiveModels models, ModelStore store, ExploreConfig config,
            @ConfigProperty(name = "shutter.data-dir") Path dataDir) {
        this.catalog = catalog;
        this.models = models;
        this.store = store;
        this.storedName = config.index().snapshotName();
        this.file = dataDir.resolve("catalog.snapshot");
    }

    void restore(@Observes @Priority(10) StartupEvent startup) {
        try {
            if (!Files.exists(file) && store.restoreSnapshot(storedName, file)) {
                LOG.infof("No catalog snapshot on this disk: copied %s from the model store", storedName);
            }
            CatalogSnapshot.Vectors vectors = CatalogSnapshot.read(file, catalog);
            models.restored(vectors);
            if (catalog.size() > 0) {
                LOG.infof("Restored %d posts (%d vectors of item tower %s) from %s", catalog.size(), vectors.byPost().size(),
                        vectors.version(), file);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("The catalog snapshot %s could not be read (%s); starting with an empty catalog", file, e.getMessage());
        }
    }

    @Scheduled(every = "${shutter.explore.index.snapshot-interval}", delayed = "${shutter.explore.index.snapshot-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void save() {
        Optional<RetrievalGeneration> serving = models.retrieval();
        try {
            CatalogSnapshot.write(file, catalog, serving.map(RetrievalGeneration::version).orElse(""),
                    postId -> serving.flatMap(generation -> generation.vector(postId)).orElse(null));
            store.saveSnapshot(storedName, file);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("The catalog snapshot %s could not be written: %s", file, e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        save();
    }
}
