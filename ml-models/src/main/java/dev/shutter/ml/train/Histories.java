package dev.shutter.ml.train;

import dev.shutter.ml.dataset.Interaction;
import dev.shutter.models.TwoTower;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Each user's interactions as item rows in time order: the user tower's input at any moment. */
public final class Histories {

    private final Map<Long, long[]> times = new HashMap<>();
    private final Map<Long, int[]> rows = new HashMap<>();

    public Histories(List<Interaction> interactions, ItemTable items) {
        Map<Long, List<Interaction>> byUser = new HashMap<>();
        for (Interaction interaction : interactions) {
            if (items.rowOf(interaction.postId()) >= 0) {
                byUser.computeIfAbsent(interaction.userId(), u -> new ArrayList<>()).add(interaction);
            }
        }
        byUser.forEach((user, list) -> {
            list.sort(java.util.Comparator.comparingLong(Interaction::atMillis));
            times.put(user, list.stream().mapToLong(Interaction::atMillis).toArray());
            rows.put(user, list.stream().mapToInt(i -> items.rowOf(i.postId())).toArray());
        });
    }

    public java.util.Set<Long> users() {
        return times.keySet();
    }

    /** Up to {@link TwoTower#HISTORY} item rows the user engaged with before {@code atMillis}, newest first. */
    public int[] before(long user, long atMillis) {
        int count = countBefore(user, atMillis);
        int[] userRows = rows.get(user);
        int n = Math.min(count, TwoTower.HISTORY);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = userRows[count - 1 - i];
        }
        return out;
    }

    /** Every item row the user engaged with in {@code [fromMillis, toMillis)}. */
    public int[] between(long user, long fromMillis, long toMillis) {
        int[] userRows = rows.get(user);
        return userRows == null ? new int[0] : Arrays.copyOfRange(userRows, countBefore(user, fromMillis), countBefore(user, toMillis));
    }

    private int countBefore(long user, long atMillis) {
        long[] userTimes = times.get(user);
        if (userTimes == null) {
            return 0;
        }
        int at = Arrays.binarySearch(userTimes, atMillis);
        if (at < 0) {
            return -at - 1;
        }
        while (at > 0 && userTimes[at - 1] == atMillis) {
            at--;
        }
        return at;
    }
}
