package dev.shutter.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ItemFeaturesTest {

    @Test
    void aPhotoIsEncodedByTheTwoTowerRules() {
        List<String> tags = IntStream.range(0, 12).mapToObj(i -> "tag" + i).toList();
        ItemFeatures features = ItemFeatures.of(tags, List.of("golden", "hour"), 42, false, new float[] {0.5f, 0.2f, 0.1f});
        assertThat(features.tags()).hasSize(TwoTower.MAX_TAGS).doesNotContain(0L);
        assertThat(features.tags()[7]).isEqualTo(FeatureHashing.row(TwoTower.TAG_NAMESPACE, "tag7", TwoTower.TAG_BUCKETS));
        assertThat(features.tokens()).hasSize(TwoTower.MAX_TOKENS);
        assertThat(features.tokens()[1]).isEqualTo(FeatureHashing.row(TwoTower.TOKEN_NAMESPACE, "hour", TwoTower.TOKEN_BUCKETS));
        assertThat(features.tokens()[2]).isZero();
        assertThat(features.author()).isEqualTo(FeatureHashing.row(TwoTower.AUTHOR_NAMESPACE, "42", TwoTower.AUTHOR_BUCKETS));
        assertThat(features.mediaType()).isZero();
        assertThat(features.visual()).containsExactly(0.5f, 0.2f, 0.1f);
    }

    @Test
    void aVideoHasNoColourAndBadColoursAreRefused() {
        ItemFeatures video = ItemFeatures.of(List.of(), List.of(), 1, true, new float[] {1, 1, 1});
        assertThat(video.mediaType()).isEqualTo(1);
        assertThat(video.visual()).containsExactly(0f, 0f, 0f);
        assertThat(video.tags()).containsOnly(0L);
        assertThatThrownBy(() -> ItemFeatures.of(List.of(), List.of(), 1, false, new float[2]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
