package dev.shutter.ml.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shutter.ml.dataset.Dataset;
import dev.shutter.ml.dataset.DatasetFiles;
import dev.shutter.ml.dataset.Interaction;
import dev.shutter.ml.dataset.Item;
import dev.shutter.ml.synthetic.SyntheticWorld.World;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the synthetic world promises a model can learn from it, and that a seed fixes it. */
class SyntheticWorldTest {

    private static World world;
    private static Map<Long, Item> items;

    @BeforeAll
    static void generate() {
        world = SyntheticWorld.generate(SyntheticSpec.small(7));
        items = world.dataset().items().stream().collect(Collectors.toMap(Item::postId, Function.identity()));
    }

    @Test
    void theSameSeedGivesTheSameDatasetAndAnotherSeedAnother(@TempDir Path dir) throws Exception {
        String first = DatasetFiles.write(world.dataset(), dir.resolve("a"));
        String again = DatasetFiles.write(SyntheticWorld.generate(SyntheticSpec.small(7)).dataset(), dir.resolve("b"));
        String other = DatasetFiles.write(SyntheticWorld.generate(SyntheticSpec.small(8)).dataset(), dir.resolve("c"));
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void usersEngageMostlyWithTheirMainTopic() {
        Map<Long, List<Interaction>> byUser = world.dataset().interactions().stream()
                .collect(Collectors.groupingBy(Interaction::userId));
        double share = byUser.entrySet().stream()
                .filter(entry -> entry.getValue().size() >= 10)
                .mapToDouble(entry -> entry.getValue().stream()
                        .filter(i -> items.get(i.postId()).topic() == world.mainTopic(entry.getKey())).count()
                        / (double) entry.getValue().size())
                .average().orElseThrow();
        int topics = SyntheticSpec.small(7).topics();
        // A random user would sit near 1/topics; the interests hold 85% of the weight on 1–3 topics.
        assertThat(share).isGreaterThan(0.35).isGreaterThan(4.0 / topics);
    }

    @Test
    void aTopicShowsThroughItsTagsAndColour() {
        // Every post carries at least one tag of its own topic, and only its topic has those tags.
        for (Item item : world.dataset().items()) {
            assertThat(item.hashtags()).as("tags of %s", item.postId())
                    .containsAnyElementsOf(world.topicTags().get(item.topic()));
            for (int t = 0; t < world.topicTags().size(); t++) {
                if (t != item.topic()) {
                    assertThat(Collections.disjoint(item.hashtags(), world.topicTags().get(t))).isTrue();
                }
            }
            assertThat(item.visual() == null).isEqualTo(item.mediaType() == Item.MediaType.VIDEO);
        }
    }

    @Test
    void activityAndPopularityFollowPowerLaws() {
        List<Interaction> interactions = world.dataset().interactions();
        Map<Long, Long> perPost = interactions.stream().collect(Collectors.groupingBy(Interaction::postId, Collectors.counting()));
        Map<Long, Long> perUser = interactions.stream().collect(Collectors.groupingBy(Interaction::userId, Collectors.counting()));
        // The top 1% of posts hold five times their share of the engagement or more; the top 10% of users three times.
        assertThat(topShare(perPost, world.dataset().items().size() / 100, interactions.size())).isGreaterThan(0.05);
        assertThat(topShare(perUser, SyntheticSpec.small(7).users() / 10, interactions.size())).isGreaterThan(0.3);
    }

    @Test
    void interactionsAreInTimeOrderAfterTheirPostOnceEachAndNeverOnOnesOwnPost() {
        Dataset dataset = world.dataset();
        assertThat(dataset.interactions()).hasSizeGreaterThan(SyntheticSpec.small(7).users() * 10)
                .isSortedAccordingTo(java.util.Comparator.comparingLong(Interaction::atMillis));
        Set<String> seen = new HashSet<>();
        for (Interaction interaction : dataset.interactions()) {
            Item post = items.get(interaction.postId());
            assertThat(interaction.atMillis()).isGreaterThanOrEqualTo(post.createdAtMillis())
                    .isLessThan(post.createdAtMillis() + SyntheticWorld.ENGAGEMENT_WINDOW_MILLIS);
            assertThat(interaction.userId()).isNotEqualTo(post.authorId());
            assertThat(seen.add(interaction.userId() + "/" + interaction.postId())).isTrue();
        }
        assertThat(dataset.follows()).allSatisfy(follow -> assertThat(follow.followerId()).isNotEqualTo(follow.followeeId()));
    }

    @Test
    void aWorldThatCannotBeIsRefused() {
        assertThatThrownBy(() -> new SyntheticSpec(1, 1, 10, 4, 10, 5, 0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyntheticSpec(1, 10, 10, 4, 10, 5, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    private static double topShare(Map<Long, Long> counts, int top, int total) {
        return counts.values().stream().sorted(java.util.Comparator.reverseOrder()).limit(Math.max(1, top))
                .mapToLong(Long::longValue).sum() / (double) total;
    }

}
