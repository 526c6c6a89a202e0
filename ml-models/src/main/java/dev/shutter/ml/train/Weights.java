package dev.shutter.ml.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A model's trainable tensors by name, initialised from a seed by Java's own generator (so a seed
 * gives the same start on every machine), kept in the order they were declared.
 */
public final class Weights {

    private final NDManager manager;
    private final SplittableRandom random;
    private final Map<String, NDArray> arrays = new LinkedHashMap<>();

    public Weights(NDManager manager, long seed) {
        this.manager = manager;
        this.random = new SplittableRandom(seed);
    }

    /** A tensor drawn uniformly from ±{@code scale}. */
    public NDArray uniform(String name, float scale, long... shape) {
        float[] values = new float[Math.toIntExact(new Shape(shape).size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        return add(name, values, shape);
    }

    /** A dense layer's weight, Glorot-uniform. */
    public NDArray glorot(String name, long in, long out) {
        return uniform(name, (float) Math.sqrt(6.0 / (in + out)), in, out);
    }

    public NDArray zeros(String name, long... shape) {
        return add(name, new float[Math.toIntExact(new Shape(shape).size())], shape);
    }

    public NDArray add(String name, float[] values, long... shape) {
        if (arrays.containsKey(name)) {
            throw new IllegalArgumentException("weight " + name + " exists");
        }
        NDArray array = manager.create(values, new Shape(shape));
        array.setRequiresGradient(true);
        arrays.put(name, array);
        return array;
    }

    /**
     * Applies the gradients of the last backward pass and clears them (PyTorch accumulates them
     * otherwise); the gradients' handles go with {@code step}.
     */
    public void step(ai.djl.training.optimizer.Optimizer optimizer, NDManager step) {
        arrays.forEach((name, weight) -> {
            NDArray gradient = weight.getGradient();
            gradient.attach(step);
            optimizer.update(name, weight, gradient);
            gradient.subi(gradient);
        });
    }

    public NDArray get(String name) {
        NDArray array = arrays.get(name);
        if (array == null) {
            throw new IllegalArgumentException("no weight " + name);
        }
        return array;
    }

    public Map<String, NDArray> all() {
        return java.util.Collections.unmodifiableMap(arrays);
    }

    public float[] values(String name) {
        return get(name).toFloatArray();
    }

    public long[] shape(String name) {
        return get(name).getShape().getShape();
    }

    public long parameterCount() {
        return arrays.values().stream().mapToLong(NDArray::size).sum();
    }
}
