package dev.shutter.models;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One tensor of a golden set, as a manifest records it: shape and either float or long values. */
public record GoldenTensor(long[] shape, float[] floats, long[] longs) {

    public static GoldenTensor ofFloats(float[] values, long... shape) {
        return new GoldenTensor(shape, values, null);
    }

    public static GoldenTensor ofLongs(long[] values, long... shape) {
        return new GoldenTensor(shape, null, values);
    }

    OnnxTensor create(OrtEnvironment environment) throws OrtException {
        return floats != null ? OnnxTensor.createTensor(environment, FloatBuffer.wrap(floats), shape)
                : OnnxTensor.createTensor(environment, LongBuffer.wrap(longs), shape);
    }

    Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("shape", shape);
        description.put(floats != null ? "floats" : "longs", floats != null ? floats : longs);
        return description;
    }

    static GoldenTensor read(Object described) {
        if (!(described instanceof Map<?, ?> map) || !(map.get("shape") instanceof List<?> shape)) {
            throw new IllegalArgumentException("a golden tensor is {shape, floats|longs}, not " + described);
        }
        long[] dims = shape.stream().mapToLong(d -> ((Number) d).longValue()).toArray();
        if (map.get("floats") instanceof List<?> values) {
            float[] floats = new float[values.size()];
            for (int i = 0; i < floats.length; i++) {
                floats[i] = ((Number) values.get(i)).floatValue();
            }
            return ofFloats(floats, dims);
        }
        if (map.get("longs") instanceof List<?> values) {
            return ofLongs(values.stream().mapToLong(v -> ((Number) v).longValue()).toArray(), dims);
        }
        throw new IllegalArgumentException("a golden tensor has floats or longs");
    }
}
