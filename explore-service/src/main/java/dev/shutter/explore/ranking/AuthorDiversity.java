package dev.shutter.explore.ranking;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/** The first {@code size} of a ranked list with at most {@code perAuthor} posts of any one author, order kept. */
public final class AuthorDiversity {

    private AuthorDiversity() {}

    public static <T> List<T> top(List<T> ranked, ToLongFunction<T> author, int size, int perAuthor) {
        Map<Long, Integer> taken = new HashMap<>();
        List<T> kept = new ArrayList<>(Math.min(size, ranked.size()));
        for (T item : ranked) {
            if (kept.size() == size) {
                break;
            }
            int n = taken.merge(author.applyAsLong(item), 1, Integer::sum);
            if (n <= perAuthor) {
                kept.add(item);
            }
        }
        return kept;
    }
}
