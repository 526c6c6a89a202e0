package dev.shutter.ml.publish;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.Timestamp;
import dev.shutter.contracts.events.EventTypes;
import dev.shutter.contracts.events.v1.ModelPublished;
import dev.shutter.events.EventPublisher;
import dev.shutter.models.ModelRefusedException;
import dev.shutter.models.ModelRelease;
import dev.shutter.models.GoldenSet;
import dev.shutter.models.ModelSignature;
import dev.shutter.models.OnnxSignatures;
import dev.shutter.models.ModelStore;
import dev.shutter.models.ModelVersion;
import dev.shutter.models.Ranker;
import dev.shutter.models.TwoTower;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Publishes a trained model directory into the model store: its three models under the
 * directory's version, all or none, then one {@code model.published} event per model.
 *
 * <p>Every model's checks (immutable, sorts after the latest, no worse on its gate figure unless
 * forced) run before anything is written, so a refused directory leaves nothing behind. Readers
 * pair the models by the store's rule ({@link ModelStore#latestComplete}: the newest version all of
 * them have), so the order of the writes does not matter and a publication that stops half way is
 * never served; publishing the same directory again completes it (a model already there with the
 * same bytes counts as published) and sends the events again.
 */
public final class ModelPublisher {

    /** The figure each model is gated on: retrieval for the towers, ranking quality for the ranker. */
    public static final Map<String, String> GATE_METRICS = Map.of(
            TwoTower.ITEM_TOWER, "recall@100", TwoTower.USER_TOWER, "recall@100", Ranker.NAME, "ndcg@50");
    static final Duration EVENT_TIMEOUT = Duration.ofSeconds(10);

    private final ModelStore store;
    private final Optional<EventPublisher> events;

    /** @param events where {@code model.published} goes; empty sends none (readers still poll the store) */
    public ModelPublisher(ModelStore store, Optional<EventPublisher> events) {
        this.store = store;
        this.events = events;
    }

    /**
     * @param force publish even models that do worse on their gate figure than the latest version
     * @throws ModelRefusedException when any model is refused; then nothing of the directory was written
     */
    public List<Publication> publish(TrainedModelDirectory trained, boolean force) throws IOException, ModelRefusedException {
        List<Planned> plan = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (String name : ModelRelease.EXPLORE) {
            Planned planned = plan(trained, name);
            try {
                if (planned.existing().isPresent()) {
                    if (!planned.existing().get().modelSha256().equals(sha256(planned.bytes()))) {
                        throw new ModelRefusedException(name + " " + trained.version()
                                + " is published already with other bytes: versions are immutable");
                    }
                } else {
                    planned = planned.replacing(store.requirePublishable(name, trained.version(), planned.manifest(),
                            planned.gateMetric(), force));
                }
                plan.add(planned);
            } catch (ModelRefusedException e) {
                refusals.add(e.getMessage());
            }
        }
        if (!refusals.isEmpty()) {
            throw new ModelRefusedException("nothing of " + trained.version() + " was published: " + String.join("; ", refusals));
        }
        List<Publication> published = new ArrayList<>();
        for (Planned planned : plan) {
            ModelVersion version = planned.existing().isPresent() ? planned.existing().get()
                    : store.publish(planned.name(), trained.version(), planned.bytes(), planned.manifest(),
                            planned.gateMetric(), force);
            published.add(new Publication(version, planned.gateMetric(), planned.replaced(), planned.existing().isPresent()));
        }
        announce(published, trained.dimension());
        return published;
    }

    private Planned plan(TrainedModelDirectory trained, String name) throws IOException {
        String gateMetric = GATE_METRICS.get(name);
        if (!Double.isFinite(trained.metric(name, gateMetric))) {
            // A version without its figure could never be compared with: every later one would need force.
            throw new IllegalArgumentException(trained.dir() + ": " + TrainedModelDirectory.MANIFEST + " gives " + name
                    + " no " + gateMetric + ", the figure its publication is gated on");
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("signature", signature(name, trained.dimension()).describe());
        manifest.put("metrics", trained.metrics().get(name));
        manifest.put("dataFingerprint", trained.dataFingerprint());
        manifest.put("dataSource", trained.dataSource());
        manifest.put("parameters", trained.parameters());
        manifest.put("dimension", trained.dimension());
        byte[] bytes = trained.modelBytes(name);
        manifest.put(GoldenSet.MANIFEST_KEY, golden(bytes, signature(name, trained.dimension())).describe());
        return new Planned(name, gateMetric, bytes, manifest, store.find(name, trained.version()),
                Optional.empty());
    }

    private static ModelSignature signature(String name, int dimension) {
        return OnnxSignatures.explore(name, dimension);
    }

    /** What these bytes answer to inputs made from the version, recorded for the server's load check. */
    private static GoldenSet golden(byte[] model, ModelSignature signature) {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession session = environment.createSession(model, new OrtSession.SessionOptions())) {
            return GoldenSet.record(session, signature, signature.model().hashCode());
        } catch (OrtException e) {
            throw new IllegalArgumentException(signature.model() + ": ONNX Runtime cannot run the model: " + e.getMessage(), e);
        }
    }

    /** After every write: an event says a whole version is there, never a part of one. */
    private void announce(List<Publication> published, int dimension) {
        if (events.isEmpty()) {
            return;
        }
        for (Publication publication : published) {
            ModelVersion version = publication.published();
            try {
                events.get().publish(EventTypes.MODEL_PUBLISHED, version.name(), event(version, dimension))
                        .await().atMost(EVENT_TIMEOUT);
            } catch (RuntimeException e) {
                throw new IllegalStateException(version.name() + " " + version.version() + " and the rest of its release are"
                        + " in the store, but model.published could not be sent (" + e.getMessage() + "); readers find the"
                        + " version when they next poll the store, and publishing the same directory again resends the events", e);
            }
        }
    }

    static ModelPublished event(ModelVersion version, int dimension) {
        ModelPublished.Builder event = ModelPublished.newBuilder()
                .setName(version.name())
                .setVersion(version.version())
                .setModelKey(version.modelKey())
                .setSha256(version.modelSha256())
                .setDimension(dimension);
        if (version.manifest().get("metrics") instanceof Map<?, ?> metrics) {
            metrics.forEach((figure, value) -> {
                if (value instanceof Number number) {
                    event.putMetrics(figure.toString(), number.doubleValue());
                }
            });
        }
        Instant created = version.manifest().get("created") instanceof String text ? Instant.parse(text) : Instant.now();
        event.setPublishedAt(Timestamp.newBuilder().setSeconds(created.getEpochSecond()).setNanos(created.getNano()));
        return event.build();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One model's part of the publication, checked, not yet written. */
    private record Planned(String name, String gateMetric, byte[] bytes, Map<String, Object> manifest,
            Optional<ModelVersion> existing, Optional<ModelVersion> replaced) {

        Planned replacing(Optional<ModelVersion> latest) {
            return new Planned(name, gateMetric, bytes, manifest, existing, latest);
        }
    }
}
