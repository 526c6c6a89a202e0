package dev.shutter.models;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One input or output of a model: name, element type and shape, {@code -1} for a dimension of
 * any size (the batch).
 */
public record TensorSpec(String name, DType type, long[] shape) {

    public enum DType {
        FLOAT32, INT64
    }

    public TensorSpec {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Whether a model's tensor (its dynamic dimensions also {@code -1}) is this one. */
    public boolean accepts(TensorSpec actual) {
        return name.equals(actual.name) && type == actual.type && Arrays.equals(shape, actual.shape);
    }

    Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("name", name);
        description.put("type", type.name().toLowerCase(java.util.Locale.ROOT));
        description.put("shape", Arrays.stream(shape).boxed().toList());
        return description;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TensorSpec that && accepts(that);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + ":" + type.name().toLowerCase(java.util.Locale.ROOT) + Arrays.toString(shape);
    }
}
