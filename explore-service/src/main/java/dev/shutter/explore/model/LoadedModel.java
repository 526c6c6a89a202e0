package dev.shutter.explore.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.shutter.models.ModelVersion;
import java.nio.FloatBuffer;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * One model version in ONNX Runtime, reference-counted: closing an {@code OrtSession} while a
 * run is in progress crashes the JVM (STACK.md), so a retired model closes only once the last
 * request that {@link #acquire acquired} it has {@link #release released} it.
 */
public final class LoadedModel {

    private static final Logger LOG = Logger.getLogger(LoadedModel.class);
    /** The count once the session is closed: no one can acquire it again. */
    private static final int CLOSED = -1;

    private final ModelVersion version;
    private final OrtSession session;
    private final Instant loadedAt = Instant.now();
    private final AtomicInteger users = new AtomicInteger();
    private volatile boolean retired;

    LoadedModel(ModelVersion version, OrtSession session) {
        this.version = version;
        this.session = session;
    }

    public String name() {
        return version.name();
    }

    public String version() {
        return version.version();
    }

    public ModelVersion manifest() {
        return version;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    /** False once the model is closed: the caller reads the current model again. */
    public boolean acquire() {
        while (true) {
            int n = users.get();
            if (n == CLOSED) {
                return false;
            }
            if (users.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    public void release() {
        if (users.decrementAndGet() == 0 && retired) {
            closeIfIdle();
        }
    }

    /** No longer served: closes now if idle, else when the last user releases it. */
    public void retire() {
        retired = true;
        closeIfIdle();
    }

    boolean closed() {
        return users.get() == CLOSED;
    }

    /** Runs the model on {@code inputs} (closed afterwards); its one output, flattened. Only while acquired. */
    public float[] run(Map<String, OnnxTensor> inputs) {
        try (OrtSession.Result result = session.run(inputs)) {
            FloatBuffer buffer = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] values = new float[buffer.remaining()];
            buffer.get(values);
            return values;
        } catch (OrtException e) {
            throw new IllegalStateException(name() + " " + version() + " failed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    OrtSession session() {
        return session;
    }

    private void closeIfIdle() {
        if (users.compareAndSet(0, CLOSED)) {
            try {
                session.close();
                LOG.infof("Closed %s %s", name(), version());
            } catch (OrtException e) {
                LOG.warnf("Closing %s %s failed: %s", name(), version(), e.getMessage());
            }
        }
    }
}
