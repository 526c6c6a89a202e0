package dev.shutter.contracts.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class ObjectKeysTest {

    private static final Gen<Long> IDS = longs().between(1, Long.MAX_VALUE);
    /** File names as the worker writes them: letters, digits, dots, dashes and sub-folders. */
    private static final Gen<String> FILES = strings().betweenCodePoints('-', 'z').ofLengthBetween(1, 40)
            .assuming(file -> !file.startsWith("/"));

    @Test
    void uploadKeysParseBackToTheirMediaItem() {
        qt().forAll(IDS, IDS).checkAssert((postId, mediaId) -> {
            MediaRef media = new MediaRef(postId, mediaId);
            assertThat(ObjectKeys.parseUpload(ObjectKeys.upload(media))).contains(media);
            // A raw key is never taken for a processed one.
            assertThat(ObjectKeys.parseProcessed(ObjectKeys.upload(media))).isEmpty();
        });
    }

    @Test
    void processedKeysParseBackToTheirMediaItem() {
        qt().forAll(IDS, IDS, FILES).checkAssert((postId, mediaId, file) -> {
            MediaRef media = new MediaRef(postId, mediaId);
            String key = ObjectKeys.processed(media, file);
            assertThat(key).startsWith(ObjectKeys.processedPrefix(media));
            assertThat(ObjectKeys.parseProcessed(key)).contains(media);
            assertThat(ObjectKeys.parseUpload(key)).isEmpty();
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
    void theLayoutsAreTheDocumentedOnes() {
        MediaRef media = new MediaRef(12, 34);
        assertThat(ObjectKeys.upload(media)).isEqualTo("uploads/12/34");
        assertThat(ObjectKeys.processed(media, "hq.webp")).isEqualTo("media/12/34/hq.webp");
        assertThat(ObjectKeys.processed(media, "720p/index.m3u8")).isEqualTo("media/12/34/720p/index.m3u8");
    }

    @Test
    void otherObjectsAreNotOurs() {
        for (String key : new String[] {"uploads/12", "uploads/12/34/5", "uploads/x/34", "uploads/0/34", "uploads/-1/2",
                "other/12/34", "", "uploads//34", "uploads/12/"}) {
            assertThat(ObjectKeys.parseUpload(key)).as(key).isEmpty();
        }
        for (String key : new String[] {"media/12/34", "media/12/34/", "media/a/34/hq.webp", "uploads/12/34", "media/12"}) {
            assertThat(ObjectKeys.parseProcessed(key)).as(key).isEmpty();
        }
        assertThat(ObjectKeys.parseUpload(null)).isEmpty();
    }

    @Test
    void aFileNameIsRequired() {
        assertThatThrownBy(() -> ObjectKeys.processed(new MediaRef(1, 2), "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ObjectKeys.processed(new MediaRef(1, 2), "/etc")).isInstanceOf(IllegalArgumentException.class);
    }
}
