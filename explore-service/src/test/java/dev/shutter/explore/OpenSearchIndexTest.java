package dev.shutter.explore;

import static dev.shutter.explore.Network.like;
import static dev.shutter.explore.Network.newUser;
import static dev.shutter.explore.Network.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shutter.explore.Network.User;
import dev.shutter.explore.candidate.OpenSearchKnnIndex;
import dev.shutter.explore.explore.FrozenLists;
import dev.shutter.explore.model.ActiveModels;
import dev.shutter.explore.user.UserHistory;
import dev.shutter.testsupport.TestOpenSearch;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Explore on the OpenSearch k-NN adapter: personalised while the engine answers, trending (never
 * an error) while it is down, personalised again once it is back.
 */
@QuarkusTest
@TestProfile(OpenSearchIndexTest.OnOpenSearch.class)
class OpenSearchIndexTest {

    public static class OnOpenSearch implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shutter.explore.index.adapter", "opensearch",
                    "shutter.explore.index.opensearch-hosts", TestOpenSearch.shared().hosts(),
                    "shutter.explore.index.subscription", "explore-service-index-opensearch",
                    "shutter.explore.index.snapshot-name", "explore-catalog-opensearch",
                    "shutter.data-dir", TestModels.work().resolve("explore-data-opensearch").toString());
        }
    }

    @Inject
    ActiveModels models;
    @Inject
    UserHistory history;
    @Inject
    FrozenLists lists;

    @Test
    void theAnnEngineGoingDownTurnsExploreToTrendingAndBack() {
        await().atMost(Duration.ofMinutes(2)).until(() -> models.retrieval().isPresent() && models.ranker().isPresent());
        assertThat(models.retrieval().orElseThrow().index()).isInstanceOf(OpenSearchKnnIndex.class);
        User author = newUser("knnauthor");
        User reader = newUser("knnreader");
        List<String> posts = List.of(post(author, "Knn one #sunset"), post(author, "Knn two #sunset"),
                post(newUser("knnother"), "Knn three #sunset"));
        like(reader, posts.getFirst());
        await().atMost(Network.WAIT).until(() -> posts.stream().allMatch(id -> models.retrieval().orElseThrow()
                .vector(Long.parseLong(id)).isPresent()) && !history.recent(reader.id()).await().atMost(Duration.ofSeconds(5)).isEmpty());
        await().atMost(Network.WAIT).until(() -> source(reader).equals("personalized"));

        TestOpenSearch.shared().stop();
        try {
            assertThat(source(reader)).isEqualTo("trending");
        } finally {
            TestOpenSearch.shared().start();
        }
        await().atMost(Network.WAIT).until(() -> source(reader).equals("personalized"));
    }

    private String source(User reader) {
        lists.forget(reader.id()).await().atMost(Duration.ofSeconds(5));
        return reader.explore().get("/v1/explore").then().statusCode(200).extract().path("source");
    }
}
