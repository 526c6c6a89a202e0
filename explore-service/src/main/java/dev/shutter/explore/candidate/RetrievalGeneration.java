package dev.shutter.explore.candidate;

import dev.shutter.explore.item.CatalogItem;
import dev.shutter.explore.item.ItemEmbedder;
import dev.shutter.explore.model.LoadedModel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The two towers of one version and the index of their item embeddings: what retrieval uses,
 * swapped as one (an item tower's vectors only mean something to the user tower trained with it).
 */
public final class RetrievalGeneration {

    private final String version;
    private final LoadedModel itemTower;
    private final LoadedModel userTower;
    private final AnnIndex index;
    private final Map<Long, float[]> vectors = new ConcurrentHashMap<>();

    public RetrievalGeneration(String version, LoadedModel itemTower, LoadedModel userTower, AnnIndex index) {
        this.version = version;
        this.itemTower = itemTower;
        this.userTower = userTower;
        this.index = index;
    }

    public String version() {
        return version;
    }

    public LoadedModel itemTower() {
        return itemTower;
    }

    public LoadedModel userTower() {
        return userTower;
    }

    public AnnIndex index() {
        return index;
    }

    /** The post's embedding by this generation's item tower, if it is indexed. */
    public Optional<float[]> vector(long postId) {
        return Optional.ofNullable(vectors.get(postId));
    }

    public int size() {
        return vectors.size();
    }

    /**
     * Embeds the public posts among {@code items} and indexes them. False when the item tower was
     * retired meanwhile (nothing is indexed then).
     */
    public boolean add(List<CatalogItem> items) {
        List<CatalogItem> shown = items.stream().filter(item -> !item.authorPrivate()).toList();
        if (shown.isEmpty()) {
            return true;
        }
        if (!itemTower.acquire()) {
            return false;
        }
        try {
            float[][] embedded = ItemEmbedder.embed(itemTower, shown);
            for (int i = 0; i < shown.size(); i++) {
                put(shown.get(i), embedded[i]);
            }
            return true;
        } finally {
            itemTower.release();
        }
    }

    /** Indexes a vector already computed by this generation's item tower (a snapshot). */
    public void put(CatalogItem item, float[] vector) {
        vectors.put(item.postId(), vector);
        index.upsert(new IndexedPost(item.postId(), item.authorId(), item.createdAtMillis()), vector);
    }

    public void remove(long postId) {
        vectors.remove(postId);
        index.remove(postId);
    }

    public void removeAuthor(long authorId, List<Long> postIds) {
        postIds.forEach(vectors::remove);
        index.removeAuthor(authorId);
    }

    Map<Long, float[]> vectors() {
        return vectors;
    }

    /** Out of service for good: the towers close once idle, the index goes. */
    public void retire() {
        itemTower.retire();
        userTower.retire();
        index.close();
        index.drop();
    }
}
