package dev.shutter.explore.model;

import dev.shutter.explore.candidate.AnnIndexFactory;
import dev.shutter.explore.candidate.RetrievalGeneration;
import dev.shutter.explore.item.CatalogItem;
import dev.shutter.explore.item.CatalogSnapshot;
import dev.shutter.explore.item.ItemCatalog;
import dev.shutter.models.ModelRelease;
import dev.shutter.models.ModelStore;
import dev.shutter.models.ModelVersion;
import dev.shutter.models.Ranker;
import dev.shutter.models.TwoTower;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * The models Explore serves, and how versions come in and go out. The two towers and their index
 * are one {@link RetrievalGeneration}: a new pair is loaded and checked beside the serving one,
 * its index filled in the background with the new item tower, and only then swapped in; the
 * ranker swaps on its own. The previous of each stays loaded for an instant rollback; the one
 * before that is retired (closed once no request uses it). Swaps are serialised on one thread.
 */
@ApplicationScoped
public class ActiveModels {

    private static final Logger LOG = Logger.getLogger(ActiveModels.class);
    public static final String TOWERS = "towers";

    private final ModelStore store;
    private final ModelLoader loader;
    private final AnnIndexFactory indexes;
    private final ItemCatalog catalog;
    private final ExecutorService swaps = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("model-swap").factory());
    private final Map<String, CandidateState> candidates = new ConcurrentHashMap<>();
    private final MeterRegistry metrics;

    private volatile RetrievalGeneration retrieval;
    private volatile RetrievalGeneration previousRetrieval;
    private volatile RetrievalGeneration building;
    private volatile LoadedModel ranker;
    private volatile LoadedModel previousRanker;
    /** Vectors from the catalog snapshot, used instead of re-embedding when their tower is loaded again. */
    private volatile CatalogSnapshot.Vectors restored = CatalogSnapshot.Vectors.NONE;
    /** The newest release offered automatically: after a rollback, only a newer one replaces the choice. */
    private volatile String newestOffered = "";

    ActiveModels(ModelStore store, ModelLoader loader, AnnIndexFactory indexes, ItemCatalog catalog, MeterRegistry metrics) {
        this.metrics = metrics;
        this.store = store;
        this.loader = loader;
        this.indexes = indexes;
        this.catalog = catalog;
    }

    /** The vectors a snapshot held, for the first pair of their version that is indexed. */
    public void restored(CatalogSnapshot.Vectors vectors) {
        restored = vectors;
    }

    public Optional<RetrievalGeneration> retrieval() {
        return Optional.ofNullable(retrieval);
    }

    public Optional<RetrievalGeneration> previousRetrieval() {
        return Optional.ofNullable(previousRetrieval);
    }

    /** The generation being indexed, which new posts must reach too. */
    public Optional<RetrievalGeneration> building() {
        return Optional.ofNullable(building);
    }

    public Optional<LoadedModel> ranker() {
        return Optional.ofNullable(ranker);
    }

    public Optional<LoadedModel> previousRanker() {
        return Optional.ofNullable(previousRanker);
    }

    public Map<String, CandidateState> candidates() {
        return Map.copyOf(candidates);
    }

    /**
     * The store's newest complete release, activated when it is newer than any offered before
     * (start, {@code model.published}, the periodic check). Blocking: worker threads only.
     */
    public void offerLatest() throws IOException {
        Optional<ModelRelease> latest = store.latestComplete(ModelRelease.EXPLORE);
        if (latest.isEmpty() || latest.get().version().compareTo(newestOffered) <= 0) {
            return;
        }
        ModelRelease release = latest.get();
        newestOffered = release.version();
        LOG.infof("Model release %s found in the store; activating it", release.version());
        try {
            run(() -> {
                try {
                    activateRanker(release.model(Ranker.NAME));
                } catch (ModelCheckException e) {
                    LOG.warnf("Ranker %s refused: %s", release.version(), e.getMessage());
                }
                indexTowers(loadTowers(release.model(TwoTower.ITEM_TOWER), release.model(TwoTower.USER_TOWER)));
                return null;
            });
        } catch (ModelCheckException e) {
            LOG.warnf("Towers %s refused: %s", release.version(), e.getMessage());
        }
    }

    /**
     * Loads, checks and warms up the version; the ranker then serves at once, a tower pair once
     * its index is built (in the background). {@code name} is a tower (both go) or the ranker.
     */
    public void activate(String name, String version) throws UnknownVersionException, ModelCheckException, IOException {
        if (name.equals(Ranker.NAME)) {
            ModelVersion model = find(name, version);
            run(() -> {
                activateRanker(model);
                return null;
            });
            return;
        }
        if (!name.equals(TwoTower.ITEM_TOWER) && !name.equals(TwoTower.USER_TOWER)) {
            throw new UnknownVersionException("there is no model " + name);
        }
        ModelVersion item = find(TwoTower.ITEM_TOWER, version);
        ModelVersion user = find(TwoTower.USER_TOWER, version);
        RetrievalGeneration loaded = run(() -> loadTowers(item, user));
        swaps.submit(() -> indexTowers(loaded));
    }

    /**
     * The previous version is active again (for a tower, the previous pair and its index). Only
     * pointers change, under the swap lock: instant, even while a new pair is being indexed.
     */
    public synchronized void rollback(String name) throws UnknownVersionException {
        if (name.equals(Ranker.NAME)) {
            if (previousRanker == null) {
                throw new IllegalStateException("the ranker has no previous version to roll back to");
            }
            LoadedModel serving = ranker;
            ranker = previousRanker;
            previousRanker = serving;
            LOG.infof("Rolled back the ranker to %s", ranker.version());
        } else if (name.equals(TwoTower.ITEM_TOWER) || name.equals(TwoTower.USER_TOWER)) {
            if (previousRetrieval == null) {
                throw new IllegalStateException("the towers have no previous version to roll back to");
            }
            RetrievalGeneration serving = retrieval;
            retrieval = previousRetrieval;
            previousRetrieval = serving;
            LOG.infof("Rolled back the towers to %s", retrieval.version());
        } else {
            throw new UnknownVersionException("there is no model " + name);
        }
    }

    private ModelVersion find(String name, String version) throws UnknownVersionException, IOException {
        try {
            return store.find(name, version)
                    .orElseThrow(() -> new UnknownVersionException(name + " has no version " + version));
        } catch (IllegalArgumentException e) {
            throw new UnknownVersionException(e.getMessage());
        }
    }

    private void activateRanker(ModelVersion model) throws ModelCheckException {
        if (ranker != null && ranker.version().equals(model.version())) {
            return;
        }
        LoadedModel loaded = load(Ranker.NAME, model);
        gauge(Ranker.NAME, loaded.version(), () -> ranker == loaded);
        LoadedModel retired;
        synchronized (this) {
            retired = previousRanker;
            previousRanker = ranker;
            ranker = loaded;
        }
        candidates.remove(Ranker.NAME);
        if (retired != null && retired != loaded) {
            retired.retire();
        }
        LOG.infof("Ranker %s is serving", loaded.version());
    }

    private RetrievalGeneration loadTowers(ModelVersion item, ModelVersion user) throws ModelCheckException {
        LoadedModel itemTower = load(TOWERS, item);
        LoadedModel userTower;
        try {
            userTower = load(TOWERS, user);
        } catch (ModelCheckException e) {
            itemTower.retire();
            throw e;
        }
        int dimension = ((Number) item.manifest().get("dimension")).intValue();
        return new RetrievalGeneration(item.version(), itemTower, userTower, indexes.create(item.version(), dimension));
    }

    /** Fills the new pair's index from the catalog, then swaps it in. */
    private void indexTowers(RetrievalGeneration next) {
        if (retrieval != null && retrieval.version().equals(next.version())) {
            next.retire();
            candidates.remove(TOWERS);
            return;
        }
        candidates.put(TOWERS, CandidateState.indexing(next.version()));
        gauge(TwoTower.ITEM_TOWER, next.version(), () -> retrieval == next);
        gauge(TwoTower.USER_TOWER, next.version(), () -> retrieval == next);
        metrics.gauge("explore.index.posts", Tags.of("version", next.version()), next, RetrievalGeneration::size);
        building = next;
        try {
            List<CatalogItem> items = new ArrayList<>(catalog.all());
            long started = System.nanoTime();
            CatalogSnapshot.Vectors saved = restored;
            if (saved.version().equals(next.version())) {
                List<CatalogItem> unsaved = new ArrayList<>();
                for (CatalogItem item : items) {
                    float[] vector = saved.byPost().get(item.postId());
                    if (vector != null && !item.authorPrivate()) {
                        next.put(item, vector);
                    } else {
                        unsaved.add(item);
                    }
                }
                items = unsaved;
                restored = CatalogSnapshot.Vectors.NONE;
            }
            next.add(items);
            LOG.infof("Indexed %d posts with item tower %s in %d ms", next.size(), next.version(),
                    (System.nanoTime() - started) / 1_000_000);
            RetrievalGeneration retired;
            synchronized (this) {
                retired = previousRetrieval;
                previousRetrieval = retrieval;
                retrieval = next;
            }
            if (retired != null) {
                retired.retire();
            }
            candidates.remove(TOWERS);
            LOG.infof("Towers %s are serving", next.version());
        } catch (RuntimeException e) {
            candidates.put(TOWERS, CandidateState.refused(next.version(), "indexing failed: " + e.getMessage()));
            LOG.errorf(e, "Indexing with towers %s failed; %s keeps serving", next.version(),
                    retrieval == null ? "trending" : retrieval.version());
            next.retire();
        } finally {
            building = null;
        }
    }

    private LoadedModel load(String slot, ModelVersion model) throws ModelCheckException {
        candidates.put(slot, CandidateState.loading(model.version()));
        try {
            return loader.load(model);
        } catch (ModelCheckException e) {
            String reason = model.name() + " " + model.version() + " refused: " + e.getMessage();
            candidates.put(slot, CandidateState.refused(model.version(), reason));
            throw new ModelCheckException(reason);
        }
    }

    /** {@code explore.model.active{name, version}}: 1 while that version serves, 0 otherwise. */
    private void gauge(String name, String version, java.util.function.BooleanSupplier active) {
        Gauge.builder("explore.model.active", () -> active.getAsBoolean() ? 1 : 0)
                .tags("name", name, "version", version)
                .description("1 while this model version serves Explore")
                .register(metrics);
    }

    private interface Swap<T> {
        T run() throws ModelCheckException;
    }

    /** Runs on the swap thread and waits for it, so swaps never interleave. */
    private <T> T run(Swap<T> swap) throws ModelCheckException {
        try {
            return swaps.submit(swap::run).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof ModelCheckException refused) {
                throw refused;
            }
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        swaps.shutdownNow();
    }
}
