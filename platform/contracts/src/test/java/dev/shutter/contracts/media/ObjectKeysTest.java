package dev.shutter.contracts.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class ObjectKeysTest {

    private static final Gen<Long> IDS = longs().between(1, Long.MAX_VALUE);
    /** File names as the worker writes them: letters, digits, dots, dashes and sub-folders. */
    private static final Gen<String> FILES = strings().betweenCodePoints('-', 'z').ofLengthBetween(1, 40)
            .assuming(file -> !file.startsWith("/"));

    @Test
    void uploadKeysParseBackToTheirMediaItem() {
        qt().forAll(IDS, IDS, IDS).checkAssert((ownerId, postId, mediaId) -> {
            for (MediaRef media : List.of(MediaRef.create(ownerId, postId, mediaId), MediaRef.createStory(ownerId, postId, mediaId))) {
                assertThat(ObjectKeys.parseUpload(ObjectKeys.upload(media))).contains(media);
                assertThat(ObjectKeys.uploadsOf(ownerId)).anySatisfy(prefix -> assertThat(ObjectKeys.upload(media)).startsWith(prefix));
                // A raw key is never taken for a processed one.
                assertThat(ObjectKeys.parseProcessed(ObjectKeys.upload(media))).isEmpty();
            }
            // A post's and a story's item with the same IDs never share a key.
            MediaRef post = MediaRef.create(ownerId, postId, mediaId);
            MediaRef story = new MediaRef(ownerId, postId, mediaId, post.token(), MediaKind.STORY);
            assertThat(ObjectKeys.upload(story)).isNotEqualTo(ObjectKeys.upload(post));
            assertThat(ObjectKeys.processedPrefix(story)).isNotEqualTo(ObjectKeys.processedPrefix(post));
        });
    }

    @Test
    void processedKeysParseBackToTheirMediaItem() {
        qt().forAll(IDS, IDS, FILES).checkAssert((ownerId, postId, file) -> {
            MediaRef media = MediaRef.create(ownerId, postId, postId);
            String key = ObjectKeys.processed(media, file);
            assertThat(key).startsWith(ObjectKeys.processedPrefix(media)).startsWith(ObjectKeys.processedOfPost(ownerId, postId))
                    .startsWith(ObjectKeys.processedOf(ownerId));
            assertThat(ObjectKeys.parseProcessed(key)).contains(media);
            assertThat(ObjectKeys.parseUpload(key)).isEmpty();

            MediaRef story = MediaRef.createStory(ownerId, postId, postId);
            String storyKey = ObjectKeys.processed(story, file);
            assertThat(storyKey).startsWith(ObjectKeys.processedOfStory(ownerId, postId)).startsWith(ObjectKeys.storiesOf(ownerId))
                    .doesNotStartWith(ObjectKeys.processedOf(ownerId));
            assertThat(ObjectKeys.parseProcessed(storyKey)).contains(story);
        });
    }

    @Test
    void arbitraryKeysNeverParseToANonPositiveId() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 60)).checkAssert(key -> {
            ObjectKeys.parseUpload(key).ifPresent(ref -> assertThat(ref.postId()).isPositive());
            ObjectKeys.parseProcessed(key).ifPresent(ref -> assertThat(ref.mediaId()).isPositive());
        });
    }

    @Test
    void keysCannotBeGuessedFromTheIds() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            keys.add(ObjectKeys.upload(MediaRef.create(1, 2, 3)));
        }
        assertThat(keys).hasSize(1000);
        String token = MediaRef.create(1, 2, 3).token();
        assertThat(token).hasSize(22).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void theLayoutsAreTheDocumentedOnes() {
        MediaRef media = new MediaRef(7, 12, 34, "abcdefghijklmnopqrstu-");
        assertThat(ObjectKeys.upload(media)).isEqualTo("uploads/7/12/34-abcdefghijklmnopqrstu-");
        assertThat(ObjectKeys.processed(media, "hq.webp")).isEqualTo("media/7/12/34-abcdefghijklmnopqrstu-/hq.webp");
        assertThat(ObjectKeys.processed(media, "720p/index.m3u8")).isEqualTo("media/7/12/34-abcdefghijklmnopqrstu-/720p/index.m3u8");
        assertThat(ObjectKeys.tombstone(7, 12)).isEqualTo("deleted/7/12");
        assertThat(ObjectKeys.tombstonesOf(7)).isEqualTo("deleted/7/");
    }

    @Test
    void otherObjectsAreNotOurs() {
        String token = "abcdefghijklmnopqrstuv";
        for (String key : new String[] {"uploads/12/34", "uploads/7/12/34", "uploads/7/12/34-" + token + "/5", "uploads/x/12/34-" + token,
                "uploads/0/12/34-" + token, "uploads/7/12/34-short", "other/7/12/34-" + token, "", "uploads//12/34-" + token}) {
            assertThat(ObjectKeys.parseUpload(key)).as(key).isEmpty();
        }
        for (String key : new String[] {"media/7/12/34-" + token, "media/7/12/34-" + token + "/", "media/12/34/hq.webp",
                "media/a/12/34-" + token + "/hq.webp", "uploads/7/12/34-" + token, "media/7"}) {
            assertThat(ObjectKeys.parseProcessed(key)).as(key).isEmpty();
        }
        assertThat(ObjectKeys.parseUpload(null)).isEmpty();
    }

    @Test
    void aFileNameIsRequired() {
        MediaRef media = MediaRef.create(1, 2, 3);
        assertThatThrownBy(() -> ObjectKeys.processed(media, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ObjectKeys.processed(media, "/etc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MediaRef(1, 2, 3, "guessable")).isInstanceOf(IllegalArgumentException.class);
    }
}
