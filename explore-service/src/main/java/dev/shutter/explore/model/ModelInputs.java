package dev.shutter.explore.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/** The input tensors of one run, built per call (so concurrent requests share nothing but the session). */
public final class ModelInputs {

    private static final OrtEnvironment ENVIRONMENT = OrtEnvironment.getEnvironment();
    private final Map<String, OnnxTensor> tensors = new LinkedHashMap<>();

    public ModelInputs longs(String name, long[] values, long... shape) {
        try {
            tensors.put(name, OnnxTensor.createTensor(ENVIRONMENT, LongBuffer.wrap(values), shape));
        } catch (OrtException e) {
            throw fail(name, e);
        }
        return this;
    }

    public ModelInputs floats(String name, float[] values, long... shape) {
        try {
            tensors.put(name, OnnxTensor.createTensor(ENVIRONMENT, FloatBuffer.wrap(values), shape));
        } catch (OrtException e) {
            throw fail(name, e);
        }
        return this;
    }

    Map<String, OnnxTensor> tensors() {
        return tensors;
    }

    /** Runs {@code model} (acquired by the caller) on these inputs. */
    public float[] runOn(LoadedModel model) {
        return model.run(tensors);
    }

    private IllegalArgumentException fail(String name, OrtException e) {
        tensors.values().forEach(OnnxTensor::close);
        return new IllegalArgumentException("input " + name + ": " + e.getMessage(), e);
    }
}
