package dev.shutter.ml.synthetic;

import dev.shutter.ml.dataset.Dataset;
import dev.shutter.ml.dataset.Follow;
import dev.shutter.ml.dataset.Interaction;
import dev.shutter.ml.dataset.Item;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A deterministic synthetic Shutter (see the module README for what a model can learn from it):
 * users with a few latent interests among {@code topics}; posts whose topic shows only through
 * its hashtags, caption words and colour; power-law activity, reach and post quality; and
 * interactions drawn from the users' interests, the posts' quality and recency (a post is engaged
 * with in its first week), plus {@code noise} random ones. Follows come from repeated engagement
 * with an author, plus a few popular accounts followed at sign-up.
 */
public final class SyntheticWorld {

    /** 2026-01-01T00:00:00Z: where synthetic time starts. */
    public static final long START_MILLIS = 1_767_225_600_000L;
    static final long DAY_MILLIS = 86_400_000L;
    /** Posts are engaged with in their first week only. */
    static final long ENGAGEMENT_WINDOW_MILLIS = 7 * DAY_MILLIS;
    static final int TAGS_PER_TOPIC = 12;
    static final int WORDS_PER_TOPIC = 24;
    private static final List<String> GENERIC_TAGS = List.of("photooftheday", "love", "instadaily", "today", "weekend",
            "friends", "fun", "life");
    private static final List<String> GENERIC_WORDS = List.of("the", "a", "my", "with", "and", "so", "this", "today",
            "new", "best", "day", "time");
    private static final double INTEREST_SHARE = 0.85;

    /** The dataset and the ground truth behind it. */
    public record World(Dataset dataset, Map<Long, double[]> interests, List<List<String>> topicTags) {

        /** The topic a user likes most. */
        public int mainTopic(long userId) {
            double[] interest = interests.get(userId);
            int best = 0;
            for (int t = 1; t < interest.length; t++) {
                if (interest[t] > interest[best]) {
                    best = t;
                }
            }
            return best;
        }
    }

    private final SyntheticSpec spec;
    private final SplittableRandom random;
    private final long periodMillis;
    /** Each post's appeal (power law, higher for authors with reach): what engagement is drawn by. */
    private final Map<Long, Double> quality = new HashMap<>();

    private SyntheticWorld(SyntheticSpec spec) {
        this.spec = spec;
        this.random = new SplittableRandom(spec.seed());
        this.periodMillis = spec.days() * DAY_MILLIS;
    }

    public static World generate(SyntheticSpec spec) {
        return new SyntheticWorld(spec).build();
    }

    private World build() {
        Vocabulary vocabulary = new Vocabulary(random.split(), spec.topics());
        long[] userIds = new long[spec.users()];
        double[][] interests = new double[spec.users()][];
        double[] reach = new double[spec.users()];
        SplittableRandom users = random.split();
        for (int u = 0; u < spec.users(); u++) {
            userIds[u] = 1_000L + u;
            interests[u] = interests(users);
            reach[u] = Math.min(WeightedChoice.pareto(users, 1.2), 1_000);
        }
        WeightedChoice[] topicsOf = new WeightedChoice[spec.users()];
        for (int u = 0; u < spec.users(); u++) {
            topicsOf[u] = new WeightedChoice(interests[u]);
        }
        List<Item> items = posts(random.split(), vocabulary, userIds, topicsOf, reach);
        Engagement engagement = new Engagement(items, spec.topics());
        List<Interaction> interactions = new ArrayList<>();
        List<Follow> follows = new ArrayList<>();
        SplittableRandom behaviour = random.split();
        WeightedChoice byReach = new WeightedChoice(reach);
        double[] activity = new double[spec.users()];
        double activitySum = 0;
        for (int u = 0; u < spec.users(); u++) {
            activity[u] = Math.min(WeightedChoice.pareto(behaviour, 1.5), 100);
            activitySum += activity[u];
        }
        for (int u = 0; u < spec.users(); u++) {
            int count = (int) Math.round(activity[u] / (activitySum / spec.users()) * spec.meanInteractionsPerUser());
            interactionsOf(behaviour, engagement, userIds[u], topicsOf[u], count, interactions, follows);
            startingFollows(behaviour, byReach, userIds, u, follows);
        }
        interactions.sort(Comparator.comparingLong(Interaction::atMillis).thenComparingLong(Interaction::userId)
                .thenComparingLong(Interaction::postId));
        follows.sort(Comparator.comparingLong(Follow::atMillis).thenComparingLong(Follow::followerId)
                .thenComparingLong(Follow::followeeId));
        Map<Long, double[]> truth = new HashMap<>();
        for (int u = 0; u < spec.users(); u++) {
            truth.put(userIds[u], interests[u]);
        }
        return new World(new Dataset("synthetic", spec.parameters(), items, interactions, follows), truth,
                vocabulary.topicTags);
    }

    /** One to three main topics holding most of the weight; a little for every other. */
    private double[] interests(SplittableRandom random) {
        double[] interest = new double[spec.topics()];
        int main = 1 + random.nextInt(3);
        double[] weights = new double[main];
        int[] topics = new int[main];
        double sum = 0;
        for (int i = 0; i < main; i++) {
            topics[i] = random.nextInt(spec.topics());
            weights[i] = -Math.log(1 - random.nextDouble());
            sum += weights[i];
        }
        for (int t = 0; t < spec.topics(); t++) {
            interest[t] = (1 - INTEREST_SHARE) / spec.topics();
        }
        for (int i = 0; i < main; i++) {
            interest[topics[i]] += INTEREST_SHARE * weights[i] / sum;
        }
        return interest;
    }

    private List<Item> posts(SplittableRandom random, Vocabulary vocabulary, long[] userIds, WeightedChoice[] topicsOf,
            double[] reach) {
        double[] productivity = new double[userIds.length];
        for (int u = 0; u < userIds.length; u++) {
            productivity[u] = WeightedChoice.pareto(random, 1.5);
        }
        WeightedChoice authors = new WeightedChoice(productivity);
        List<Item> items = new ArrayList<>();
        for (int p = 0; p < spec.posts(); p++) {
            int author = authors.draw(random);
            int topic = topicsOf[author].draw(random);
            long created = START_MILLIS + (long) (random.nextDouble() * periodMillis);
            boolean video = random.nextDouble() < 0.2;
            items.add(new Item(10_000_000L + p, userIds[author], created, video ? Item.MediaType.VIDEO : Item.MediaType.PHOTO,
                    vocabulary.hashtags(random, topic), vocabulary.caption(random, topic),
                    video ? null : vocabulary.colour(random, topic), topic));
            quality.put(10_000_000L + p, WeightedChoice.pareto(random, 2.0) * Math.pow(reach[author], 0.3));
        }
        return items;
    }

    /** The posts each topic has, by creation time, drawn by quality within a time window. */
    private final class Engagement {

        final List<List<Item>> byTopic = new ArrayList<>();
        final List<WeightedChoice> choices = new ArrayList<>();
        final List<long[]> createdByTopic = new ArrayList<>();
        final List<Item> all;
        final long[] createdAll;

        Engagement(List<Item> items, int topics) {
            for (int t = 0; t < topics; t++) {
                byTopic.add(new ArrayList<>());
            }
            all = items.stream().sorted(Comparator.comparingLong(Item::createdAtMillis)).toList();
            createdAll = all.stream().mapToLong(Item::createdAtMillis).toArray();
            all.forEach(item -> byTopic.get(item.topic()).add(item));
            for (List<Item> posts : byTopic) {
                createdByTopic.add(posts.stream().mapToLong(Item::createdAtMillis).toArray());
                choices.add(new WeightedChoice(posts.stream().mapToDouble(item -> quality.get(item.postId())).toArray()));
            }
        }

        /** A post of the topic created in the week before {@code at}, by quality; null when there is none. */
        Item ofTopic(SplittableRandom random, int topic, long at) {
            long[] created = createdByTopic.get(topic);
            int index = choices.get(topic).draw(random, lowerBound(created, at - ENGAGEMENT_WINDOW_MILLIS),
                    lowerBound(created, at));
            return index < 0 ? null : byTopic.get(topic).get(index);
        }

        /** Any post created in the week before {@code at}, uniformly; null when there is none. */
        Item any(SplittableRandom random, long at) {
            int from = lowerBound(createdAll, at - ENGAGEMENT_WINDOW_MILLIS);
            int to = lowerBound(createdAll, at);
            return from >= to ? null : all.get(from + random.nextInt(to - from));
        }

        private static int lowerBound(long[] sorted, long value) {
            int index = java.util.Arrays.binarySearch(sorted, value);
            if (index < 0) {
                return -index - 1;
            }
            while (index > 0 && sorted[index - 1] == value) {
                index--;
            }
            return index;
        }
    }

    private void interactionsOf(SplittableRandom random, Engagement engagement, long userId, WeightedChoice topics, int count,
            List<Interaction> interactions, List<Follow> follows) {
        Set<Long> engaged = new HashSet<>();
        Map<Long, Integer> perAuthor = new HashMap<>();
        Set<Long> followed = new LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            long at = START_MILLIS + (long) (random.nextDouble() * periodMillis);
            Item post = random.nextDouble() < spec.noise()
                    ? engagement.any(random, at)
                    : engagement.ofTopic(random, topics.draw(random), at);
            if (post == null || post.authorId() == userId || !engaged.add(post.postId())) {
                continue;
            }
            interactions.add(new Interaction(userId, post.postId(), action(random), at));
            // Engaging with an author a second time makes a follow.
            if (perAuthor.merge(post.authorId(), 1, Integer::sum) == 2 && followed.add(post.authorId())) {
                follows.add(new Follow(userId, post.authorId(), at));
            }
        }
    }

    /** A few accounts, by reach, followed at sign-up (time zero). */
    private static void startingFollows(SplittableRandom random, WeightedChoice byReach, long[] userIds, int user,
            List<Follow> follows) {
        Set<Long> chosen = new LinkedHashSet<>();
        for (int i = 0; i < 3; i++) {
            long followee = userIds[byReach.draw(random)];
            if (followee != userIds[user] && chosen.add(followee)) {
                follows.add(new Follow(userIds[user], followee, START_MILLIS));
            }
        }
    }

    private static Interaction.Action action(SplittableRandom random) {
        double r = random.nextDouble();
        return r < 0.7 ? Interaction.Action.LIKE : r < 0.85 ? Interaction.Action.SAVE : Interaction.Action.COMMENT;
    }

    /** Each topic's hashtags, caption words and base colour, as made-up but pronounceable words. */
    private static final class Vocabulary {

        private static final String CONSONANTS = "bdfgklmnprstvz";
        private static final String VOWELS = "aeiou";
        final List<List<String>> topicTags = new ArrayList<>();
        final List<List<String>> topicWords = new ArrayList<>();
        final List<float[]> colours = new ArrayList<>();

        Vocabulary(SplittableRandom random, int topics) {
            Set<String> used = new HashSet<>(GENERIC_TAGS);
            used.addAll(GENERIC_WORDS);
            for (int t = 0; t < topics; t++) {
                topicTags.add(words(random, used, TAGS_PER_TOPIC));
                topicWords.add(words(random, used, WORDS_PER_TOPIC));
                colours.add(new float[] {random.nextFloat(), random.nextFloat(), random.nextFloat()});
            }
        }

        /** One to four of the topic's tags (its first ones most often), sometimes a generic one too. */
        List<String> hashtags(SplittableRandom random, int topic) {
            Set<String> tags = new LinkedHashSet<>();
            int count = 1 + random.nextInt(4);
            List<String> own = topicTags.get(topic);
            for (int i = 0; i < count; i++) {
                tags.add(own.get(zipf(random, own.size())));
            }
            if (random.nextDouble() < 0.3) {
                tags.add(GENERIC_TAGS.get(random.nextInt(GENERIC_TAGS.size())));
            }
            return List.copyOf(tags);
        }

        /** Three to eight caption tokens, mostly the topic's words. */
        List<String> caption(SplittableRandom random, int topic) {
            List<String> tokens = new ArrayList<>();
            int count = 3 + random.nextInt(6);
            List<String> own = topicWords.get(topic);
            for (int i = 0; i < count; i++) {
                tokens.add(random.nextDouble() < 0.6 ? own.get(zipf(random, own.size()))
                        : GENERIC_WORDS.get(random.nextInt(GENERIC_WORDS.size())));
            }
            return tokens;
        }

        /** The topic's colour with noise, as media-worker would measure a photo's mean colour. */
        Item.Visual colour(SplittableRandom random, int topic) {
            float[] base = colours.get(topic);
            return new Item.Visual(jitter(random, base[0]), jitter(random, base[1]), jitter(random, base[2]));
        }

        private static float jitter(SplittableRandom random, float value) {
            return Math.round(Math.clamp(value + (random.nextFloat() - 0.5f) * 0.3f, 0f, 1f) * 1000) / 1000f;
        }

        private static int zipf(SplittableRandom random, int size) {
            return Math.min(size - 1, (int) (WeightedChoice.pareto(random, 1.1) - 1));
        }

        private static List<String> words(SplittableRandom random, Set<String> used, int count) {
            List<String> words = new ArrayList<>();
            while (words.size() < count) {
                StringBuilder word = new StringBuilder();
                int syllables = 2 + random.nextInt(2);
                for (int s = 0; s < syllables; s++) {
                    word.append(CONSONANTS.charAt(random.nextInt(CONSONANTS.length())))
                            .append(VOWELS.charAt(random.nextInt(VOWELS.length())));
                }
                if (used.add(word.toString())) {
                    words.add(word.toString());
                }
            }
            return words;
        }
    }
}
