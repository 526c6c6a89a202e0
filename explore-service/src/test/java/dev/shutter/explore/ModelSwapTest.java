package dev.shutter.explore;

import static dev.shutter.explore.Network.like;
import static dev.shutter.explore.Network.newUser;
import static dev.shutter.explore.Network.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shutter.explore.Network.User;
import dev.shutter.explore.explore.FrozenLists;
import dev.shutter.explore.item.ItemCatalog;
import dev.shutter.explore.model.ActiveModels;
import dev.shutter.explore.user.UserHistory;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.shutter.models.ModelRelease;
import dev.shutter.models.ModelStore;
import dev.shutter.models.ModelVersion;
import dev.shutter.models.Ranker;
import java.util.Map;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Live model swaps as an ML engineer drives them: a new release published (model.published) while
 * requests run, the towers changing together, a model refused by its golden set, and rollback.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelSwapTest {

    @Inject
    ActiveModels models;
    @Inject
    ItemCatalog catalog;
    @Inject
    UserHistory history;
    @Inject
    FrozenLists lists;

    static String first;
    static String second;

    @Test
    @Order(1)
    void aNewReleaseSwapsInDuringConcurrentRequestsWithoutAnErrorAndTheTowersChangeTogether() throws Exception {
        first = TestModels.latest().version();
        await().atMost(Duration.ofMinutes(2)).until(() -> activeVersion("item-tower").equals(first));
        List<User> readers = readersWithHistory();
        Path trained = TestModels.train(2);

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger answers = new AtomicInteger();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        ExecutorService load = Executors.newFixedThreadPool(3);
        for (User reader : readers) {
            load.submit(() -> {
                while (running.get()) {
                    lists.forget(reader.id()).await().atMost(Duration.ofSeconds(5));
                    int status = reader.explore().get("/v1/explore?limit=20").then().extract().statusCode();
                    answers.incrementAndGet();
                    if (status != 200) {
                        problems.add("explore answered " + status);
                    }
                    JsonPath admin = given().get("/admin/models").then().statusCode(200).extract().jsonPath();
                    String item = admin.getString("find { it.name == 'item-tower' }.active.version");
                    String user = admin.getString("find { it.name == 'user-tower' }.active.version");
                    if (!item.equals(user)) {
                        problems.add("item tower " + item + " served beside user tower " + user);
                    }
                }
                return null;
            });
        }
        TestModels.publish(trained, true);
        second = TestModels.latest().version();
        assertThat(second).isGreaterThan(first);
        await().atMost(Duration.ofMinutes(2)).until(() -> activeVersion("item-tower").equals(second)
                && activeVersion("ranker").equals(second));
        Thread.sleep(1000);
        running.set(false);
        load.shutdown();
        assertThat(load.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        assertThat(problems).isEmpty();
        assertThat(answers.get()).isGreaterThan(10);
        assertThat(activeVersion("user-tower")).isEqualTo(second);
        JsonPath admin = given().get("/admin/models").then().statusCode(200).extract().jsonPath();
        assertThat(admin.getString("find { it.name == 'item-tower' }.previous.version")).isEqualTo(first);
        assertThat(readers.getFirst().explore().get("/v1/explore").then().statusCode(200).extract().<String>path("source"))
                .isEqualTo("personalized");
    }

    @Test
    @Order(2)
    void aModelThatFailsItsGoldenSetIsRefusedWithTheReasonAndTheActiveOneKeepsServing() throws Exception {
        String bad = tamperedRankerRelease();

        given().post("/admin/models/ranker/versions/" + bad + "/activate").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].message", org.hamcrest.Matchers.containsString("golden set does not match"));

        JsonPath admin = given().get("/admin/models").then().statusCode(200).extract().jsonPath();
        assertThat(admin.getString("find { it.name == 'ranker' }.active.version")).isEqualTo(second);
        assertThat(admin.getString("find { it.name == 'ranker' }.candidates[0].state")).isEqualTo("refused");
        given().post("/admin/models/ranker/versions/99990101-000000-nosuch/activate").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    @Order(3)
    void rollbackMakesThePreviousPairActiveAtOnce() {
        given().post("/admin/models/user-tower/rollback").then().statusCode(200);

        assertThat(activeVersion("item-tower")).isEqualTo(first);
        assertThat(activeVersion("user-tower")).isEqualTo(first);
        assertThat(models.retrieval().orElseThrow().version()).isEqualTo(first);
        User reader = readersWithHistory().getFirst();
        assertThat(reader.explore().get("/v1/explore").then().statusCode(200).extract().<String>path("source"))
                .isEqualTo("personalized");
        given().post("/admin/models/ranker/rollback").then().statusCode(200);
        assertThat(activeVersion("ranker")).isEqualTo(first);
        given().post("/admin/models/nosuch/rollback").then().statusCode(404);
    }

    private static String activeVersion(String name) {
        String version = given().get("/admin/models").then().statusCode(200).extract().jsonPath()
                .getString("find { it.name == '" + name + "' }.active.version");
        return version == null ? "" : version;
    }

    private List<User> readersWithHistory() {
        User author = newUser("swapauthor");
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            posted.add(post(author, "Swap test post #sunset #swap" + i));
        }
        List<User> readers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            User reader = newUser("swapreader");
            like(reader, posted.get(i));
            readers.add(reader);
        }
        await().atMost(Network.WAIT).until(() -> posted.stream().allMatch(id -> catalog.get(Long.parseLong(id)).isPresent())
                && readers.stream().allMatch(r -> !history.recent(r.id()).await().atMost(Duration.ofSeconds(5)).isEmpty()));
        return readers;
    }

    /** The second release's ranker again under a later version, published with its golden outputs changed. */
    private static String tamperedRankerRelease() throws Exception {
        ModelRelease release = TestModels.latest();
        String version = release.version() + "-tampered";
        ModelStore store = ModelStore.local(TestModels.store());
        ModelVersion ranker = release.model(Ranker.NAME);
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = json.valueToTree(ranker.manifest());
        ArrayNode scores = (ArrayNode) manifest.at("/golden/outputs/score/floats");
        for (int i = 0; i < scores.size(); i++) {
            scores.set(i, scores.get(i).floatValue() + 0.5f);
        }
        Map<String, Object> tampered = json.convertValue(manifest, new TypeReference<Map<String, Object>>() {});
        store.publish(Ranker.NAME, version, store.model(ranker), tampered, "ndcg@50", true);
        return version;
    }
}
