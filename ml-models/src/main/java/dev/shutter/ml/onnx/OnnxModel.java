package dev.shutter.ml.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.shutter.models.ModelSignature;
import dev.shutter.models.OnnxSignatures;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An exported model in ONNX Runtime, checked against its signature when loaded: what evaluation
 * runs (the bytes serving will run), and what the parity test compares DJL with.
 */
public final class OnnxModel implements AutoCloseable {

    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final Map<String, OnnxTensor> pending = new LinkedHashMap<>();

    public OnnxModel(byte[] model, ModelSignature signature) {
        try {
            session = environment.createSession(model, new OrtSession.SessionOptions());
            List<String> problems = OnnxSignatures.mismatches(session, signature);
            if (!problems.isEmpty()) {
                session.close();
                throw new IllegalArgumentException("the model is not " + signature.model() + ": " + String.join("; ", problems));
            }
        } catch (OrtException e) {
            throw new IllegalArgumentException("ONNX Runtime cannot load the model: " + e.getMessage(), e);
        }
    }

    public OnnxModel longs(String name, long[] values, long... shape) {
        return put(name, () -> OnnxTensor.createTensor(environment, LongBuffer.wrap(values), shape));
    }

    public OnnxModel floats(String name, float[] values, long... shape) {
        return put(name, () -> OnnxTensor.createTensor(environment, FloatBuffer.wrap(values), shape));
    }

    /** Runs on the inputs given since the last run; the one output, flattened. */
    public float[] run() {
        try (OrtSession.Result result = session.run(pending)) {
            OnnxTensor out = (OnnxTensor) result.get(0);
            FloatBuffer buffer = out.getFloatBuffer();
            float[] values = new float[buffer.remaining()];
            buffer.get(values);
            return values;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed: " + e.getMessage(), e);
        } finally {
            pending.values().forEach(OnnxTensor::close);
            pending.clear();
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface TensorFactory {
        OnnxTensor create() throws OrtException;
    }

    private OnnxModel put(String name, TensorFactory factory) {
        try {
            pending.put(name, factory.create());
        } catch (OrtException e) {
            throw new IllegalArgumentException("input " + name + ": " + e.getMessage(), e);
        }
        return this;
    }
}
