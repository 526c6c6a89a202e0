package dev.shutter.models;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.shutter.blobs.BlobInfo;
import dev.shutter.blobs.BlobKey;
import dev.shutter.blobs.BlobStore;
import dev.shutter.blobs.BlobStream;
import dev.shutter.blobs.NoSuchBlobException;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Model versions in a bucket (GCS on Google Cloud, a directory locally), at {@code
 * models/{name}/{version}/model.onnx} and {@code .../manifest.json}. The manifest is written last
 * and is what makes a version exist: a reader never sees a version whose model is half written, and
 * checks the model's bytes against the SHA-256 the manifest records. Versions are immutable;
 * version names sort in publication order.
 */
public final class ModelStore {

    public static final String PREFIX = "models/";
    private static final String MODEL_FILE = "model.onnx";
    private static final String MANIFEST_FILE = "manifest.json";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final BlobStore blobs;

    public ModelStore(BlobStore blobs) {
        this.blobs = blobs;
    }

    /**
     * Publishes {@code model} as a new version of {@code name}. Refused when it does worse on {@code
     * gateMetric} than the latest version, unless {@code force}.
     *
     * @param manifest the signature, metrics, data fingerprint and training parameters; the store adds
     *     name, version, the model's size and SHA-256, and the time
     */
    public ModelVersion publish(String name, String version, byte[] model, Map<String, Object> manifest, String gateMetric,
            boolean force) throws IOException, ModelRefusedException {
        requireName("model name", name);
        requireName("version", version);
        if (blobs.head(manifestKey(name, version)).isPresent()) {
            throw new ModelRefusedException(name + " " + version + " is published already: versions are immutable");
        }
        Optional<ModelVersion> latest = latest(name);
        if (latest.isPresent() && version.compareTo(latest.get().version()) <= 0) {
            throw new ModelRefusedException("version " + version + " does not sort after the latest, " + latest.get().version());
        }
        ModelVersion candidate = new ModelVersion(name, version, manifest);
        if (latest.isPresent() && !force && !(candidate.metric(gateMetric) >= latest.get().metric(gateMetric))) {
            throw new ModelRefusedException("%s %s has %s %s, worse than %s of %s (publish with force to replace it anyway)"
                    .formatted(name, version, gateMetric, candidate.metric(gateMetric), latest.get().metric(gateMetric),
                            latest.get().version()));
        }
        Map<String, Object> complete = new LinkedHashMap<>();
        complete.put("name", name);
        complete.put("version", version);
        complete.putAll(manifest);
        complete.put("modelBytes", model.length);
        complete.put("modelSha256", sha256(model));
        complete.put("created", Instant.now().toString());
        blobs.put(modelKey(name, version), model, "application/octet-stream");
        blobs.put(manifestKey(name, version), JSON.writeValueAsBytes(complete), "application/json");
        return new ModelVersion(name, version, complete);
    }

    /** The published versions of a model (those with a manifest), oldest first. */
    public List<String> versions(String name) throws IOException {
        requireName("model name", name);
        String prefix = PREFIX + name + "/";
        return blobs.listAll(prefix)
                .map(BlobInfo::key)
                .map(BlobKey::value)
                .filter(key -> key.endsWith("/" + MANIFEST_FILE))
                .map(key -> key.substring(prefix.length(), key.length() - MANIFEST_FILE.length() - 1))
                .filter(version -> !version.contains("/"))
                .sorted(Comparator.naturalOrder())
                .toList();
    }

    public Optional<ModelVersion> latest(String name) throws IOException {
        List<String> versions = versions(name);
        return versions.isEmpty() ? Optional.empty() : Optional.of(read(name, versions.getLast()));
    }

    public ModelVersion read(String name, String version) throws IOException {
        try (BlobStream in = blobs.get(manifestKey(name, version))) {
            return new ModelVersion(name, version, JSON.readValue(in, new TypeReference<Map<String, Object>>() {}));
        }
    }

    /** The version's model bytes, checked against its manifest. */
    public byte[] model(ModelVersion version) throws IOException {
        byte[] model;
        try (BlobStream in = blobs.get(modelKey(version.name(), version.version()))) {
            model = in.readAllBytes();
        } catch (NoSuchBlobException e) {
            throw new IOException(version.name() + " " + version.version() + " has a manifest but no model", e);
        }
        if (!sha256(model).equals(version.manifest().get("modelSha256"))) {
            throw new IOException(version.name() + " " + version.version() + ": the model does not match its manifest's SHA-256");
        }
        return model;
    }

    static BlobKey modelKey(String name, String version) {
        return BlobKey.of(PREFIX + name + "/" + version + "/" + MODEL_FILE);
    }

    static BlobKey manifestKey(String name, String version) {
        return BlobKey.of(PREFIX + name + "/" + version + "/" + MANIFEST_FILE);
    }

    private static void requireName(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be 1 to 63 of a-z, 0-9 and '-', starting with a letter or digit: " + value);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
