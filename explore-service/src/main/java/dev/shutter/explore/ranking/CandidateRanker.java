package dev.shutter.explore.ranking;

import dev.shutter.explore.candidate.Neighbour;
import dev.shutter.explore.item.AuthorStats;
import dev.shutter.explore.item.CatalogItem;
import dev.shutter.explore.item.ItemCatalog;
import dev.shutter.explore.model.LoadedModel;
import dev.shutter.explore.model.ModelInputs;
import dev.shutter.models.Ranker;
import dev.shutter.models.RankerFeatures;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Scores candidates with the ranker, one batch per request, on the features of its signature
 * computed by {@code RankerFeatures} (the code training used), and orders them best first.
 */
public final class CandidateRanker {

    private static final double MILLIS_PER_HOUR = 3_600_000.0;

    private CandidateRanker() {}

    public record Scored(long postId, long authorId, float score) {}

    /** The ranker must be acquired by the caller; candidates no longer in the catalog are dropped. */
    public static List<Scored> rank(LoadedModel ranker, List<Neighbour> candidates, long[][] historyTags,
            ItemCatalog catalog, AuthorStats authors, long nowMillis) {
        List<CatalogItem> items = new ArrayList<>(candidates.size());
        List<Neighbour> kept = new ArrayList<>(candidates.size());
        for (Neighbour candidate : candidates) {
            catalog.get(candidate.postId()).filter(item -> !item.authorPrivate()).ifPresent(item -> {
                items.add(item);
                kept.add(candidate);
            });
        }
        if (items.isEmpty()) {
            return List.of();
        }
        int width = Ranker.FEATURES.size();
        float[] features = new float[items.size() * width];
        for (int i = 0; i < items.size(); i++) {
            CatalogItem item = items.get(i);
            AuthorStats.Counts author = authors.of(item.authorId());
            float[] row = RankerFeatures.row(kept.get(i).score(), (nowMillis - item.createdAtMillis()) / MILLIS_PER_HOUR,
                    author.engagements(), author.posts(), RankerFeatures.tagAffinity(historyTags, item.features().tags()),
                    item.video(), item.engagements());
            System.arraycopy(row, 0, features, i * width, width);
        }
        float[] scores = new ModelInputs().floats("features", features, items.size(), width).runOn(ranker);
        List<Scored> scored = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            scored.add(new Scored(items.get(i).postId(), items.get(i).authorId(), scores[i]));
        }
        scored.sort(Comparator.comparingDouble((Scored s) -> s.score()).reversed());
        return scored;
    }
}
