package dev.shutter.explore.item;

import java.util.HashMap;
import java.util.Map;

/**
 * Per author, over the catalog's posts of the last {@code RankerFeatures.AUTHOR_WINDOW}: posts and
 * the engagements they received. Computed now and then from the catalog, read per request.
 */
public final class AuthorStats {

    public record Counts(long posts, long engagements) {
        public double ratePerPost() {
            return engagements / (double) Math.max(1, posts);
        }
    }

    private static final Counts NONE = new Counts(0, 0);

    private final Map<Long, Counts> byAuthor;

    private AuthorStats(Map<Long, Counts> byAuthor) {
        this.byAuthor = byAuthor;
    }

    public static final AuthorStats EMPTY = new AuthorStats(Map.of());

    public static AuthorStats of(Iterable<CatalogItem> items, long sinceMillis) {
        Map<Long, long[]> sums = new HashMap<>();
        for (CatalogItem item : items) {
            if (item.createdAtMillis() >= sinceMillis) {
                long[] sum = sums.computeIfAbsent(item.authorId(), a -> new long[2]);
                sum[0]++;
                sum[1] += item.engagements();
            }
        }
        Map<Long, Counts> counts = new HashMap<>();
        sums.forEach((author, sum) -> counts.put(author, new Counts(sum[0], sum[1])));
        return new AuthorStats(counts);
    }

    public Counts of(long authorId) {
        return byAuthor.getOrDefault(authorId, NONE);
    }
}
