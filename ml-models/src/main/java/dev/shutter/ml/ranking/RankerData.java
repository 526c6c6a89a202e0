package dev.shutter.ml.ranking;

import dev.shutter.ml.eval.UserCase;
import dev.shutter.models.Ranker;
import java.util.List;

/** The ranker's examples: every retrieval candidate of every case, labelled by whether the user engaged with it. */
public final class RankerData {

    private RankerData() {}

    public static RankerExamples of(List<UserCase> cases, FeatureState state) {
        int width = Ranker.FEATURES.size();
        int total = cases.stream().mapToInt(c -> c.candidates().rows().length).sum();
        float[] features = new float[total * width];
        float[] labels = new float[total];
        int offset = 0;
        for (UserCase c : cases) {
            int[] rows = c.candidates().rows();
            float[] x = state.rows(c.history(), rows, c.candidates().cosines());
            System.arraycopy(x, 0, features, offset * width, x.length);
            for (int i = 0; i < rows.length; i++) {
                labels[offset + i] = c.engagedAfter().contains(rows[i]) ? 1 : 0;
            }
            offset += rows.length;
        }
        return new RankerExamples(features, labels);
    }
}
