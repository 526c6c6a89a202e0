package dev.shutter.feed.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shutter.rest.paging.PageRequest;
import dev.shutter.rest.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class FeedCursorTest {

    @Test
    void bothKindsSurviveTheRoundTrip() {
        FeedCursor snapshot = new FeedCursor.InSnapshot(8_123_456_789L, 40);
        FeedCursor byTime = new FeedCursor.ByTime(1_795_258_011_672L);

        assertThat(FeedCursor.of(PageRequest.of(snapshot.encode(), null))).isEqualTo(snapshot);
        assertThat(FeedCursor.of(PageRequest.of(byTime.encode(), null))).isEqualTo(byTime);
        assertThat(FeedCursor.of(PageRequest.of(null, null))).isNull();
        assertThat(FeedCursor.of(PageRequest.of("  ", null))).isNull();
    }

    @Test
    void anythingElseIsABadRequest() {
        for (String cursor : new String[] {"not-a-cursor", encode("feed:1"), encode("feed:1:-5"), encode("feed:1:99999999999"),
                encode("feedt:x"), encode("posts:1:2"), "%%%"}) {
            assertThatThrownBy(() -> FeedCursor.of(PageRequest.of(cursor, null))).as(cursor)
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    private static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.US_ASCII));
    }
}
