package dev.shutter.models;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.shutter.blobs.BlobInfo;
import dev.shutter.blobs.BlobKey;
import dev.shutter.blobs.BlobStore;
import dev.shutter.blobs.BlobStream;
import dev.shutter.blobs.NoSuchBlobException;
import dev.shutter.blobs.local.LocalBlobStore;
import dev.shutter.blobs.local.LocalBlobStoreConfig;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.net.URI;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Model versions in a bucket (GCS on Google Cloud, a directory locally), at {@code
 * models/{name}/{version}/model.onnx} and {@code .../manifest.json}. The manifest is written last
 * and is what makes a version exist: a reader never sees a version whose model is half written, and
 * checks the model's bytes against the SHA-256 the manifest records. Versions are immutable;
 * version names sort in publication order.
 *
 * <p><b>Models that work only together</b> (the two towers share one embedding space; the ranker
 * is trained on their cosines) are published under one version name, and a reader pairs them by
 * that rule alone: it loads {@link #latestComplete}, the newest version that <em>every</em> one of
 * them has, never each model's own {@link #latest}. A version counts once all of its models exist,
 * so a publisher that stops half way, or a reader that lists between two writes, can never pair an
 * item tower of one version with a user tower of another; the order the models are written in does
 * not matter.
 */
public final class ModelStore {

    public static final String PREFIX = "models/";
    /** Where serving state that outlives an instance's disk goes (Cloud Run's disk is gone at each start). */
    public static final String SNAPSHOTS = "snapshots/";
    /** The bucket name {@link #local(Path)} gives the local store (it appears in nothing but its config). */
    public static final String LOCAL_BUCKET = "shutter-models";
    private static final String MODEL_FILE = "model.onnx";
    private static final String MANIFEST_FILE = "manifest.json";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final BlobStore blobs;

    public ModelStore(BlobStore blobs) {
        this.blobs = blobs;
    }

    /**
     * The store on a local directory (the blobs library's local adapter, bucket {@link
     * #LOCAL_BUCKET}), as {@code ./shutter up} and ml-models' commands use it: {@code
     * {root}/objects/models/...}. Several processes may share the directory (a publisher and the
     * services that read).
     */
    public static ModelStore local(Path root) throws IOException {
        // Nothing signs or serves URLs of the model bucket, so its signing key is never used: a
        // random one per process keeps a secret nobody needs off the disk.
        byte[] unusedSigningKey = new byte[LocalBlobStoreConfig.MIN_SIGNING_KEY_BYTES];
        new SecureRandom().nextBytes(unusedSigningKey);
        LocalBlobStoreConfig config = LocalBlobStoreConfig.of(root, LOCAL_BUCKET,
                URI.create("http://127.0.0.1/model-urls-are-not-served"), unusedSigningKey);
        // The model bucket has no finalize notifications (on GCS neither): its readers poll the
        // store or take model.published, which the publisher sends once a whole version is in.
        return new ModelStore(LocalBlobStore.open(config, (topic, event) -> Uni.createFrom().voidItem()));
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
        requirePublishable(name, version, manifest, gateMetric, force);
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

    /**
     * Refuses, as {@link #publish} would, without writing anything: so that a publisher of models
     * that belong together can check them all before it writes the first.
     *
     * @return the version it would replace, if there is one
     */
    public Optional<ModelVersion> requirePublishable(String name, String version, Map<String, Object> manifest,
            String gateMetric, boolean force) throws IOException, ModelRefusedException {
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
        return latest;
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

    /**
     * The newest version that every one of {@code names} has, with their manifests: the models a
     * reader loads and swaps together (see the class comment). Empty until one version of each
     * exists.
     */
    public Optional<ModelRelease> latestComplete(List<String> names) throws IOException {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("name at least one model");
        }
        TreeSet<String> common = new TreeSet<>(versions(names.getFirst()));
        for (String name : names.subList(1, names.size())) {
            common.retainAll(versions(name));
        }
        if (common.isEmpty()) {
            return Optional.empty();
        }
        String version = common.last();
        Map<String, ModelVersion> models = new LinkedHashMap<>();
        for (String name : names) {
            models.put(name, read(name, version));
        }
        return Optional.of(new ModelRelease(version, models));
    }

    /** The version if it is published (its manifest exists). */
    public Optional<ModelVersion> find(String name, String version) throws IOException {
        requireName("model name", name);
        requireName("version", version);
        if (blobs.head(manifestKey(name, version)).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(read(name, version));
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

    /**
     * Copies a service's snapshot file to {@code snapshots/{name}}, replacing the one there (the
     * put is whole-object: a reader gets the old one or the new one, never a mix).
     */
    public void saveSnapshot(String name, Path file) throws IOException {
        requireName("snapshot name", name);
        blobs.put(snapshotKey(name), file, "application/octet-stream");
    }

    /**
     * Copies {@code snapshots/{name}} to {@code file} (through a temporary file moved into place).
     *
     * @return whether there was a snapshot to copy
     */
    public boolean restoreSnapshot(String name, Path file) throws IOException {
        requireName("snapshot name", name);
        Path partial = file.resolveSibling(file.getFileName() + ".download");
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (InputStream in = blobs.get(snapshotKey(name))) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchBlobException e) {
            return false;
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    static BlobKey snapshotKey(String name) {
        return BlobKey.of(SNAPSHOTS + name);
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
