package dev.shutter.explore;

import static dev.shutter.explore.Network.follow;
import static dev.shutter.explore.Network.like;
import static dev.shutter.explore.Network.makePrivate;
import static dev.shutter.explore.Network.newUser;
import static dev.shutter.explore.Network.post;
import static dev.shutter.explore.Network.story;
import static dev.shutter.explore.Network.viewStory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shutter.explore.Network.User;
import dev.shutter.explore.explore.ExploreKeys;
import dev.shutter.explore.item.CatalogPersistence;
import dev.shutter.explore.item.CatalogSnapshot;
import dev.shutter.explore.item.ItemCatalog;
import dev.shutter.explore.model.ActiveModels;
import dev.shutter.explore.user.UserHistory;
import dev.shutter.models.ModelStore;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code GET /v1/explore} on the real post-service and Redis, with models trained by ml-models. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExploreTest {

    @Inject
    ItemCatalog catalog;
    @Inject
    UserHistory history;
    @Inject
    Redis redis;
    @Inject
    ActiveModels models;
    @Inject
    CatalogPersistence persistence;

    User viewer;
    User followed;
    User hidden;
    List<User> strangers = new ArrayList<>();
    Map<String, String> authorOf = new HashMap<>();
    String liked;
    String own;

    @BeforeAll
    void network() {
        await().atMost(Duration.ofMinutes(2)).until(() -> models.retrieval().isPresent() && models.ranker().isPresent());
        viewer = newUser("viewer");
        followed = newUser("followed");
        hidden = newUser("hidden");
        for (int i = 0; i < 3; i++) {
            strangers.add(newUser("stranger" + i));
        }
        follow(viewer, followed);
        List<String> all = new ArrayList<>();
        for (User author : List.of(followed, hidden, strangers.get(0), strangers.get(1), strangers.get(2))) {
            for (int i = 0; i < 3; i++) {
                String id = post(author, "Golden hour by the sea #sunset #sea #travel" + i);
                authorOf.put(id, author.userId());
                all.add(id);
            }
        }
        own = post(viewer, "My own sunset #sunset");
        all.add(own);
        liked = all.get(6);
        like(viewer, liked);
        makePrivate(hidden);
        await().atMost(Network.WAIT).until(() -> all.stream().allMatch(id -> catalog.get(Long.parseLong(id)).isPresent())
                && catalog.get(Long.parseLong(all.get(3))).orElseThrow().authorPrivate()
                && !history.recent(viewer.id()).await().atMost(Duration.ofSeconds(5)).isEmpty());
    }

    @Test
    void personalisedExploreShowsOnlyStrangersPublicPostsTheViewerHasNotSeenAtMostTwoPerAuthor() {
        JsonPath page = viewer.explore().get("/v1/explore?limit=50").then().statusCode(200).extract().jsonPath();

        assertThat(page.getString("source")).isEqualTo("personalized");
        List<String> ids = page.getList("items.postId");
        List<String> authors = page.getList("items.author.userId");
        assertThat(ids).isNotEmpty().doesNotContain(liked, own).doesNotHaveDuplicates();
        // Other tests' posts share the index: whoever wrote them, never the viewer, a followed or a private account.
        assertThat(authors).doesNotContain(viewer.userId(), followed.userId(), hidden.userId());
        assertThat(page.getList("items.author.isPrivate", Boolean.class)).containsOnly(false);
        assertThat(authors).containsAnyElementsOf(strangers.stream().map(User::userId).toList());
        Map<String, Integer> perAuthor = new HashMap<>();
        authors.forEach(author -> perAuthor.merge(author, 1, Integer::sum));
        assertThat(perAuthor.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2));
        assertThat(page.getString("nextCursor")).isNull();
    }

    @Test
    void pagesCutFromTheFrozenListNeverRepeatAndEndWithANullCursor() {
        List<String> whole = viewer.explore().get("/v1/explore?limit=50").then().statusCode(200).extract().path("items.postId");
        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonPath page = viewer.explore().queryParam("limit", 2).queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/v1/explore").then().statusCode(200).extract().jsonPath();
            paged.addAll(page.getList("items.postId"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 20);

        assertThat(paged).containsExactlyElementsOf(whole);
        assertThat(pages).isEqualTo((whole.size() + 1) / 2);
    }

    @Test
    void theListIsFrozenUntilAFollowChangesIt() {
        List<String> before = viewer.explore().get("/v1/explore?limit=50").then().statusCode(200).extract().path("items.postId");
        User newcomer = newUser("newcomer");
        String fresh = post(newcomer, "Brand new sunset #sunset #sea");
        await().atMost(Network.WAIT).until(() -> catalog.get(Long.parseLong(fresh)).isPresent());

        List<String> again = viewer.explore().get("/v1/explore?limit=50").then().statusCode(200).extract().path("items.postId");
        assertThat(again).containsExactlyElementsOf(before);

        User nowFollowed = strangers.get(1);
        follow(viewer, nowFollowed);
        await().atMost(Network.WAIT).untilAsserted(() -> {
            List<String> authors = viewer.explore().get("/v1/explore?limit=50").then().statusCode(200)
                    .extract().path("items.author.userId");
            assertThat(authors).isNotEmpty().doesNotContain(nowFollowed.userId());
        });
    }

    @Test
    void aUserWithoutHistoryGetsTrendingWithTheSameFilters() {
        User newcomer = newUser("nohistory");
        follow(newcomer, strangers.get(2));
        String mine = post(newcomer, "First post #sunset");
        await().atMost(Network.WAIT).until(() -> catalog.get(Long.parseLong(mine)).isPresent());

        JsonPath page = newcomer.explore().get("/v1/explore?limit=50").then().statusCode(200).extract().jsonPath();

        assertThat(page.getString("source")).isEqualTo("trending");
        List<String> ids = page.getList("items.postId");
        List<String> authors = page.getList("items.author.userId");
        assertThat(ids).isNotEmpty().doesNotContain(mine);
        assertThat(authors).doesNotContain(newcomer.userId(), strangers.get(2).userId(), hidden.userId());
        assertThat(page.getList("items.author.isPrivate", Boolean.class)).containsOnly(false);
    }

    @Test
    void aStoryViewIsAnInteractionWithTheAuthorsNewestPostAndMakesExplorePersonal() {
        User watcher = newUser("storywatcher");
        User teller = strangers.get(1);
        String newest = authorOf.entrySet().stream().filter(post -> post.getValue().equals(teller.userId()))
                .map(Map.Entry::getKey).max(Comparator.comparingLong(Long::parseLong)).orElseThrow();
        assertThat(watcher.explore().get("/v1/explore?limit=50").then().statusCode(200).extract().<String>path("source"))
                .isEqualTo("trending");

        viewStory(watcher, story(teller));

        await().atMost(Network.WAIT).until(() -> history.recent(watcher.id()).await().atMost(Duration.ofSeconds(5))
                .equals(List.of(Long.parseLong(newest))));
        // A fresh list: the frozen trending one was for a user without history.
        redis.send(Request.cmd(Command.DEL).arg(ExploreKeys.rankedList(watcher.id()))).await().atMost(Duration.ofSeconds(5));
        JsonPath page = watcher.explore().get("/v1/explore?limit=50").then().statusCode(200).extract().jsonPath();
        assertThat(page.getString("source")).isEqualTo("personalized");
        assertThat(page.getList("items.postId", String.class)).isNotEmpty().doesNotContain(newest);
    }

    @Test
    void aSavedSnapshotReachesTheModelStoreForAnInstanceWhoseDiskStartsEmpty() throws Exception {
        persistence.save();
        Path emptyDisk = Files.createTempDirectory("explore-new-instance-").resolve("catalog.snapshot");
        assertThat(ModelStore.local(TestModels.store()).restoreSnapshot("explore-catalog", emptyDisk)).isTrue();

        ItemCatalog restored = new ItemCatalog();
        CatalogSnapshot.Vectors vectors = CatalogSnapshot.read(emptyDisk, restored);
        long anyPublic = Long.parseLong(authorOf.entrySet().stream()
                .filter(post -> post.getValue().equals(strangers.get(0).userId())).findFirst().orElseThrow().getKey());
        assertThat(restored.get(anyPublic)).isPresent();
        assertThat(vectors.version()).isEqualTo(models.retrieval().orElseThrow().version());
        assertThat(vectors.byPost()).containsKey(anyPublic);
        assertThat(restored.postsOf(hidden.id())).isNotEmpty()
                .allMatch(postId -> restored.get(postId).orElseThrow().authorPrivate() && !vectors.byPost().containsKey(postId));
    }

    @Test
    void badInputIsAProblemNotAnError() {
        viewer.explore().get("/v1/explore?limit=0").then().statusCode(422).contentType("application/problem+json");
        viewer.explore().get("/v1/explore?cursor=nonsense").then().statusCode(400).contentType("application/problem+json");
        io.restassured.RestAssured.given().get("/v1/explore").then().statusCode(401).contentType("application/problem+json");
    }
}
