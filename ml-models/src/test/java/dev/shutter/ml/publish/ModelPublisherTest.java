package dev.shutter.ml.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.contracts.events.EventTypes;
import dev.shutter.contracts.events.v1.ModelPublished;
import dev.shutter.events.Event;
import dev.shutter.events.EventRouter;
import dev.shutter.events.Subscription;
import dev.shutter.events.SubscriptionSpec;
import dev.shutter.events.redis.RedisStreamEventBus;
import dev.shutter.models.ModelRefusedException;
import dev.shutter.models.ModelRelease;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.shutter.models.GoldenSet;
import dev.shutter.models.ModelStore;
import dev.shutter.models.ModelVersion;
import dev.shutter.models.TwoTower;
import dev.shutter.testsupport.TestRedis;
import io.smallrye.mutiny.Uni;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The publisher on a real local model store (a directory), and its events on a real Redis. */
class ModelPublisherTest {

    @TempDir
    Path dir;

    Path storeDir;
    ModelStore store;
    ModelPublisher publisher;

    @BeforeEach
    void open() throws Exception {
        storeDir = dir.resolve("store");
        store = ModelStore.local(storeDir);
        publisher = new ModelPublisher(store, Optional.empty());
    }

    @Test
    void publishesTheThreeModelsOfADirectoryAsOneRelease() throws Exception {
        TrainedModelDirectory trained = TrainedModelDirectory.read(FakeTrainedModels.write(dir.resolve("m1"), "v0001", 0.30, 0.20));

        List<Publication> published = publisher.publish(trained, false);

        assertThat(published).extracting(Publication::name).containsExactlyElementsOf(ModelRelease.EXPLORE);
        assertThat(published).allSatisfy(p -> assertThat(p.replaced()).isEmpty());
        ModelRelease release = store.latestComplete(ModelRelease.EXPLORE).orElseThrow();
        assertThat(release.version()).isEqualTo("v0001");
        ModelVersion item = release.model(TwoTower.ITEM_TOWER);
        assertThat(item.manifest()).containsEntry("signature", asStored(TwoTower.itemTower(32).describe()))
                .containsEntry("dataFingerprint", trained.dataFingerprint()).containsEntry("dataSource", "synthetic")
                .containsEntry("dimension", 32).containsEntry("parameters", Map.of("epochs", 2, "learningRate", 0.01));
        assertThat(item.metric("recall@100")).isEqualTo(0.30);
        assertThat(release.model("ranker").metric("ndcg@50")).isEqualTo(0.20);
        assertThat(release.model(TwoTower.USER_TOWER).manifest().get("signature"))
                .isEqualTo(asStored(TwoTower.userTower(32).describe()));
        for (String name : ModelRelease.EXPLORE) {
            assertThat(store.model(release.model(name))).isEqualTo(trained.modelBytes(name));
        }
        assertThat(published.getFirst().describe()).contains("item-tower", "v0001", "recall@100 0.3000", "the first item-tower");
    }

    @Test
    void eachManifestCarriesAGoldenSetThatItsOwnBytesMatchAndAnotherModelDoesNot() throws Exception {
        publisher.publish(TrainedModelDirectory.read(FakeTrainedModels.write(dir.resolve("m1"), "v0001", 0.30, 0.20)), false);
        TrainedModelDirectory other = TrainedModelDirectory.read(FakeTrainedModels.write(dir.resolve("m2"), "v0002", 0.30, 0.20));
        ModelRelease release = store.latestComplete(ModelRelease.EXPLORE).orElseThrow();
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        for (String name : ModelRelease.EXPLORE) {
            GoldenSet golden = GoldenSet.of(release.model(name));
            try (OrtSession own = environment.createSession(store.model(release.model(name)));
                    OrtSession another = environment.createSession(other.modelBytes(name))) {
                assertThat(golden.mismatches(own)).as(name).isEmpty();
                assertThat(golden.mismatches(another)).as(name).isNotEmpty().first().asString().contains("the manifest recorded");
            }
        }
    }

    @Test
    void aWorseDirectoryIsRefusedWholeAndLeavesNothingBehind() throws Exception {
        publisher.publish(TrainedModelDirectory.read(FakeTrainedModels.write(dir.resolve("m1"), "v0001", 0.30, 0.20)), false);
        // The towers are better, the ranker worse: the towers must not go in without it.
        TrainedModelDirectory worse = TrainedModelDirectory.read(FakeTrainedModels.write(dir.resolve("m2"), "v0002", 0.35, 0.15));

        assertThatThrownBy(() -> publisher.publish(worse, false)).isInstanceOf(ModelRefusedException.class)
                .hasMessageContaining("nothing of v0002 was published")
                .hasMessageContaining("ranker v0002 has ndcg@50 0.15, worse than 0.2 of v0001")
                .message().doesNotContain("item-tower");

        for (String name : ModelRelease.EXPLORE) {
            assertThat(store.versions(name)).containsExactly("v0001");
            assertThat(storeDir.resolve("objects/models/" + name + "/v0002")).doesNotExist();
        }
        assertThat(store.latestComplete(ModelRelease.EXPLORE).orElseThrow().version()).isEqualTo("v0001");
    }

    @Test
    void forcePublishesAWorseDirectory() throws Exception {
        publisher.publish(TrainedModelDirectory.read(FakeTrainedModels.write(dir.resolve("m1"), "v0001", 0.30, 0.20)), false);
        TrainedModelDirectory worse = TrainedModelDirectory.read(FakeTrainedModels.write(dir.resolve("m2"), "v0002", 0.25, 0.15));

        List<Publication> published = publisher.publish(worse, true);

        assertThat(store.latestComplete(ModelRelease.EXPLORE).orElseThrow().version()).isEqualTo("v0002");
        assertThat(published).allSatisfy(p -> assertThat(p.replaced().orElseThrow().version()).isEqualTo("v0001"));
        assertThat(published.getFirst().describe()).contains("recall@100 0.2500", "replaces v0001 (0.3000)");
    }

    @Test
    void publishingAgainCompletesAVersionThatStoppedHalfWay() throws Exception {
        publisher.publish(TrainedModelDirectory.read(FakeTrainedModels.write(dir.resolve("m1"), "v0001", 0.30, 0.20)), false);
        TrainedModelDirectory next = TrainedModelDirectory.read(FakeTrainedModels.write(dir.resolve("m2"), "v0002", 0.31, 0.21));
        // An earlier run wrote the item tower and stopped: readers keep pairing v0001.
        ModelVersion half = store.publish(TwoTower.ITEM_TOWER, "v0002", next.modelBytes(TwoTower.ITEM_TOWER),
                Map.of("metrics", next.metrics().get(TwoTower.ITEM_TOWER)), "recall@100", false);
        assertThat(store.latestComplete(ModelRelease.EXPLORE).orElseThrow().version()).isEqualTo("v0001");

        List<Publication> published = publisher.publish(next, false);

        assertThat(published).extracting(Publication::alreadyPublished).containsExactly(true, false, false);
        assertThat(published.getFirst().published()).isEqualTo(half);
        assertThat(store.latestComplete(ModelRelease.EXPLORE).orElseThrow().version()).isEqualTo("v0002");
    }

    @Test
    void aVersionInTheStoreWithOtherBytesIsRefused() throws Exception {
        TrainedModelDirectory trained = TrainedModelDirectory.read(FakeTrainedModels.write(dir.resolve("m1"), "v0001", 0.30, 0.20));
        store.publish("ranker", "v0001", new byte[] {1, 2, 3}, Map.of("metrics", Map.of("ndcg@50", 0.2)), "ndcg@50", false);

        assertThatThrownBy(() -> publisher.publish(trained, true)).isInstanceOf(ModelRefusedException.class)
                .hasMessageContaining("ranker v0001 is published already with other bytes");
        assertThat(store.versions(TwoTower.ITEM_TOWER)).isEmpty();
    }

    @Test
    void aDirectoryWithoutAGateFigureOrAModelIsNotPublishable() throws Exception {
        Path noFigure = FakeTrainedModels.write(dir.resolve("m1"), "v0001", 0.30, 0.20);
        Files.writeString(noFigure.resolve(TrainedModelDirectory.MANIFEST), Files.readString(
                noFigure.resolve(TrainedModelDirectory.MANIFEST)).replace("ndcg@50", "ndcg@10"));
        assertThatThrownBy(() -> publisher.publish(TrainedModelDirectory.read(noFigure), true))
                .hasMessageContaining("gives ranker no ndcg@50");

        Path noModel = FakeTrainedModels.write(dir.resolve("m2"), "v0001", 0.30, 0.20);
        Files.delete(noModel.resolve("user-tower.onnx"));
        assertThatThrownBy(() -> TrainedModelDirectory.read(noModel)).hasMessageContaining("has no user-tower.onnx");
        assertThatThrownBy(() -> TrainedModelDirectory.read(dir.resolve("nothing"))).hasMessageContaining("has no models.json");
        assertThat(store.versions("ranker")).isEmpty();
    }

    @Test
    void modelPublishedArrivesOnRedisOncePerModelAfterTheWrites() throws Exception {
        String version = "v" + System.currentTimeMillis();
        TrainedModelDirectory trained = TrainedModelDirectory.read(FakeTrainedModels.write(dir.resolve("m1"), version, 0.30, 0.20));
        BlockingQueue<Event<ModelPublished>> received = new LinkedBlockingQueue<>();
        try (RedisStreamEventBus bus = RedisStreamEventBus.create(TestRedis.shared().uri());
                Subscription subscription = bus.subscribe(SubscriptionSpec.of(EventTypes.MODEL_PUBLISHED, "test-" + UUID.randomUUID()),
                        EventRouter.builder().on(EventTypes.MODEL_PUBLISHED, event -> {
                            received.add(event);
                            return Uni.createFrom().voidItem();
                        }).build())) {
            new ModelPublisher(store, Optional.of(bus)).publish(trained, false);

            List<Event<ModelPublished>> ours = new ArrayList<>();
            while (ours.size() < 3) {
                Event<ModelPublished> event = received.poll(10, TimeUnit.SECONDS);
                assertThat(event).as("model.published events of %s", version).isNotNull();
                if (event.payload().getVersion().equals(version)) {
                    ours.add(event);
                }
            }
            assertThat(ours).extracting(Event::key).containsExactlyInAnyOrderElementsOf(ModelRelease.EXPLORE);
            for (Event<ModelPublished> event : ours) {
                ModelPublished payload = event.payload();
                // When it arrives, the whole release is there to load.
                ModelVersion stored = store.latestComplete(ModelRelease.EXPLORE).orElseThrow().model(payload.getName());
                assertThat(payload.getName()).isEqualTo(event.key());
                assertThat(payload.getModelKey()).isEqualTo("models/" + payload.getName() + "/" + version + "/model.onnx");
                assertThat(payload.getSha256()).isEqualTo(stored.modelSha256());
                assertThat(payload.getDimension()).isEqualTo(32);
                assertThat(payload.getPublishedAt().getSeconds()).isPositive();
            }
            assertThat(ours.stream().filter(e -> e.key().equals("ranker")).findFirst().orElseThrow().payload().getMetricsMap())
                    .containsEntry("ndcg@50", 0.20).containsEntry("auc", 0.7);
            assertThat(ours.stream().filter(e -> e.key().equals("item-tower")).findFirst().orElseThrow().payload()
                    .getMetricsMap()).containsEntry("recall@100", 0.30);
        }
    }

    /** As the manifest reads back from JSON (shapes as ints, not longs). */
    private static Map<String, Object> asStored(Map<String, Object> value) throws Exception {
        ObjectMapper json = new ObjectMapper();
        return json.readValue(json.writeValueAsBytes(value), new TypeReference<Map<String, Object>>() {});
    }
}
