package dev.shutter.ml.eval;

import dev.shutter.ml.onnx.TowerEmbeddings;
import dev.shutter.ml.train.Histories;
import dev.shutter.ml.train.ItemTable;
import dev.shutter.ml.train.TimeSplit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * One user at one moment, as Explore would serve them: their history, what they had engaged with
 * (never shown again), the posts Explore could show (created in the week before), the towers'
 * top candidates among those, and what the user went on to engage with afterwards.
 */
public record UserCase(long user, int[] history, Set<Integer> seen, int[] corpus, Retrieval.Candidates candidates,
        Set<Integer> engagedAfter) {

    /**
     * The cases of users who engaged with a showable post in {@code [atMillis, untilMillis)} and had a
     * history before it; at most {@code maxUsers} of them, chosen by {@code seed}.
     */
    public static List<UserCase> at(long atMillis, long untilMillis, ItemTable items, Histories histories,
            TowerEmbeddings towers, float[] itemEmbeddings, int candidates, int maxUsers, long seed) {
        long since = TimeSplit.candidatesSince(atMillis);
        int[] corpus = IntStream.range(0, items.size())
                .filter(row -> items.item(row).createdAtMillis() >= since && items.item(row).createdAtMillis() < atMillis)
                .toArray();
        Set<Integer> showable = new HashSet<>();
        for (int row : corpus) {
            showable.add(row);
        }
        Retrieval retrieval = new Retrieval(itemEmbeddings, towers.dimension());
        List<Long> users = new ArrayList<>(histories.users());
        users.sort(null);
        java.util.Collections.shuffle(users, new SplittableRandom(seed));
        List<UserCase> cases = new ArrayList<>();
        for (long user : users) {
            if (cases.size() == maxUsers) {
                break;
            }
            int[] history = histories.before(user, atMillis);
            if (history.length == 0) {
                continue;
            }
            Set<Integer> seen = new HashSet<>();
            for (int row : histories.between(user, Long.MIN_VALUE, atMillis)) {
                seen.add(row);
            }
            Set<Integer> after = new HashSet<>();
            for (int row : histories.between(user, atMillis, untilMillis)) {
                if (showable.contains(row) && !seen.contains(row)) {
                    after.add(row);
                }
            }
            if (after.isEmpty()) {
                continue;
            }
            float[] vector = towers.user(itemEmbeddings, history);
            cases.add(new UserCase(user, history, seen, corpus, retrieval.top(vector, corpus, seen, candidates), after));
        }
        return cases;
    }
}
