package dev.shutter.ml.train;

import dev.shutter.ml.dataset.Interaction;
import java.util.ArrayList;
import java.util.List;

/** One training pair of the towers: what the user had engaged with before, and what they engaged with next. */
public record RetrievalExample(int[] history, int positive) {

    /** An example for every interaction in {@code [from, to)} whose user already had a history. */
    public static List<RetrievalExample> of(List<Interaction> interactions, ItemTable items, Histories histories,
            long fromMillis, long toMillis) {
        List<RetrievalExample> examples = new ArrayList<>();
        for (Interaction interaction : interactions) {
            int row = items.rowOf(interaction.postId());
            if (row < 0 || interaction.atMillis() < fromMillis || interaction.atMillis() >= toMillis) {
                continue;
            }
            int[] history = histories.before(interaction.userId(), interaction.atMillis());
            if (history.length > 0) {
                examples.add(new RetrievalExample(history, row));
            }
        }
        return examples;
    }
}
