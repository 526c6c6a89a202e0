package dev.shutter.explore.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.shutter.explore.config.ExploreConfig;
import dev.shutter.models.GoldenSet;
import dev.shutter.models.ModelSignature;
import dev.shutter.models.ModelStore;
import dev.shutter.models.ModelVersion;
import dev.shutter.models.OnnxSignatures;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * A version from the store into ONNX Runtime, checked before anything serves it: its bytes
 * against the manifest's SHA-256 (the store does that), its inputs and outputs against the
 * signature, its answers to the manifest's golden set (finite, matching), then warmed up.
 * Blocking: call it from a worker thread.
 */
@ApplicationScoped
public class ModelLoader {

    private static final Logger LOG = Logger.getLogger(ModelLoader.class);

    private final ModelStore store;
    private final ExploreConfig config;

    ModelLoader(ModelStore store, ExploreConfig config) {
        this.store = store;
        this.config = config;
    }

    public LoadedModel load(ModelVersion version) throws ModelCheckException {
        byte[] bytes;
        try {
            bytes = store.model(version);
        } catch (IOException e) {
            throw new ModelCheckException("cannot read " + version.name() + " " + version.version() + ": " + e.getMessage());
        }
        OrtSession session;
        try {
            session = OrtEnvironment.getEnvironment().createSession(bytes, new OrtSession.SessionOptions());
        } catch (OrtException e) {
            throw new ModelCheckException("ONNX Runtime cannot load it: " + e.getMessage());
        }
        try {
            check(version, session);
        } catch (ModelCheckException | RuntimeException e) {
            close(session);
            throw e instanceof ModelCheckException refused ? refused
                    : new ModelCheckException("its checks failed: " + e.getMessage());
        }
        LOG.infof("Loaded %s %s (signature, golden set and %d warm-up runs passed)", version.name(), version.version(),
                config.models().warmups());
        return new LoadedModel(version, session);
    }

    private void check(ModelVersion version, OrtSession session) throws ModelCheckException {
        List<String> problems = new ArrayList<>(OnnxSignatures.mismatches(session, signature(version)));
        if (!problems.isEmpty()) {
            throw new ModelCheckException("it is not its signature: " + String.join("; ", problems));
        }
        GoldenSet golden;
        try {
            golden = GoldenSet.of(version);
        } catch (IllegalArgumentException e) {
            throw new ModelCheckException(e.getMessage());
        }
        for (int run = 0; run <= config.models().warmups(); run++) {
            problems = golden.mismatches(session);
            if (!problems.isEmpty()) {
                throw new ModelCheckException("its golden set does not match: " + String.join("; ", problems));
            }
        }
    }

    private static ModelSignature signature(ModelVersion version) throws ModelCheckException {
        if (!(version.manifest().get("dimension") instanceof Number dimension)) {
            throw new ModelCheckException("its manifest gives no dimension");
        }
        try {
            return OnnxSignatures.explore(version.name(), dimension.intValue());
        } catch (IllegalArgumentException e) {
            throw new ModelCheckException(e.getMessage());
        }
    }

    private static void close(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            LOG.debugf("closing a refused session: %s", e.getMessage());
        }
    }
}
