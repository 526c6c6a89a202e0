package dev.shutter.ml.synthetic;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the synthetic world looks like. The same spec and seed always give the same dataset.
 *
 * @param users accounts; every one may post, their reach follows a power law
 * @param posts posts over {@code days}
 * @param topics latent interests; each has its own hashtags, caption words and colour
 * @param meanInteractionsPerUser the mean of a power-law activity (a few users do most)
 * @param noise the share of interactions with a random recent post, whatever the user likes
 */
public record SyntheticSpec(long seed, int users, int posts, int topics, int days, double meanInteractionsPerUser,
        double noise) {

    /** Small enough to train on in CI in well under a minute. */
    public static SyntheticSpec small(long seed) {
        return new SyntheticSpec(seed, 600, 6_000, 12, 30, 30, 0.1);
    }

    /** The default for development and for {@code ./shutter up}'s first model. */
    public static SyntheticSpec standard(long seed) {
        return new SyntheticSpec(seed, 5_000, 50_000, 32, 60, 40, 0.1);
    }

    public SyntheticSpec {
        if (users < 2 || posts < 1 || topics < 2 || days < 1 || meanInteractionsPerUser <= 0 || noise < 0 || noise > 1) {
            throw new IllegalArgumentException("not a world: " + this);
        }
    }

    /** As recorded in the dataset's manifest. */
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("seed", seed);
        parameters.put("users", users);
        parameters.put("posts", posts);
        parameters.put("topics", topics);
        parameters.put("days", days);
        parameters.put("meanInteractionsPerUser", meanInteractionsPerUser);
        parameters.put("noise", noise);
        return parameters;
    }
}
