package dev.shutter.explore;

import static dev.shutter.explore.Network.like;
import static dev.shutter.explore.Network.newUser;
import static dev.shutter.explore.Network.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shutter.explore.Network.User;
import dev.shutter.explore.item.ItemCatalog;
import dev.shutter.explore.model.ActiveModels;
import dev.shutter.explore.trending.TrendingPosts;
import dev.shutter.explore.user.UserHistory;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An empty model store: a user with a history still gets an Explore page, trending, never an error. */
@QuarkusTest
@TestProfile(WithoutModelsTest.EmptyModelStore.class)
class WithoutModelsTest {

    public static class EmptyModelStore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                return Map.of("shutter.models.local.root", Files.createTempDirectory("explore-no-models-").toString(),
                        "shutter.explore.index.subscription", "explore-service-index-no-models");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Inject
    ActiveModels models;
    @Inject
    ItemCatalog catalog;
    @Inject
    UserHistory history;
    @Inject
    TrendingPosts trending;

    @Test
    void aUserWithAHistoryGetsTrendingWhenNoModelIsLoaded() {
        User author = newUser("nomodelauthor");
        User reader = newUser("nomodelreader");
        String first = post(author, "Nothing to rank with #sunset");
        String second = post(author, "Still nothing #sea");
        like(reader, first);
        await().atMost(Network.WAIT).until(() -> trending.ranked().stream().anyMatch(item -> item.postId() == Long.parseLong(second))
                && !history.recent(reader.id()).await().atMost(Duration.ofSeconds(5)).isEmpty());

        List<String> shown = new ArrayList<>();
        String cursor = "";
        do {
            JsonPath page = reader.explore().queryParam("cursor", cursor).get("/v1/explore").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(page.getString("source")).isEqualTo("trending");
            shown.addAll(page.getList("items.postId"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);

        assertThat(models.retrieval()).isEmpty();
        // Other tests' posts are in the catalog too: trending holds them all, at most two per author.
        assertThat(shown).doesNotContain(first).doesNotHaveDuplicates();
        // The newest post without engagement comes right after every post with some.
        if (!shown.contains(second)) {
            assertThat(shown).hasSize(50).allSatisfy(id -> assertThat(catalog.get(Long.parseLong(id)).orElseThrow()
                    .engagements()).isPositive());
        }
    }
}
