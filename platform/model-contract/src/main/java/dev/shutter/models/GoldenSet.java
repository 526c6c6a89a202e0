package dev.shutter.models;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Inputs of a model and the outputs the published bytes gave for them, recorded in its manifest
 * ({@value #MANIFEST_KEY}) by the publisher: a server that loads the model runs the same inputs
 * and refuses it unless every output is finite and matches. That catches a model that loads and
 * has the right signature but computes something else (wrong weights, a broken export, another
 * runtime that disagrees).
 */
public record GoldenSet(Map<String, GoldenTensor> inputs, Map<String, GoldenTensor> outputs) {

    public static final String MANIFEST_KEY = "golden";
    /** How far an output may be from the recorded one (float32 arithmetic on other CPUs differs a little). */
    public static final float TOLERANCE = 1e-4f;
    static final int ROWS = 4;

    /** Valid inputs for the Explore model {@code signature} ({@link #ROWS} rows, reproducible from {@code seed}), run through the session. */
    public static GoldenSet record(OrtSession session, ModelSignature signature, long seed) throws OrtException {
        Map<String, GoldenTensor> inputs = inputsFor(signature, new Random(seed));
        return new GoldenSet(inputs, run(session, inputs));
    }

    /** The manifest's golden set; empty inputs when it has none. */
    public static GoldenSet of(ModelVersion version) {
        if (!(version.manifest().get(MANIFEST_KEY) instanceof Map<?, ?> golden)) {
            throw new IllegalArgumentException(version.name() + " " + version.version() + " has no golden set in its manifest");
        }
        return new GoldenSet(read(golden.get("inputs")), read(golden.get("outputs")));
    }

    /** How the session's outputs differ from the recorded ones, in words; empty when they match. */
    public List<String> mismatches(OrtSession session) {
        List<String> problems = new ArrayList<>();
        Map<String, GoldenTensor> actual;
        try {
            actual = run(session, inputs);
        } catch (OrtException | RuntimeException e) {
            return List.of("the golden inputs do not run: " + e.getMessage());
        }
        outputs.forEach((name, expected) -> {
            GoldenTensor got = actual.get(name);
            if (got == null) {
                problems.add("no output " + name);
                return;
            }
            for (int i = 0; i < expected.floats().length; i++) {
                float value = got.floats()[i];
                if (!Float.isFinite(value)) {
                    problems.add("output " + name + "[" + i + "] is " + value);
                    return;
                }
                if (Math.abs(value - expected.floats()[i]) > TOLERANCE) {
                    problems.add("output %s[%d] is %s, the manifest recorded %s".formatted(name, i, value, expected.floats()[i]));
                    return;
                }
            }
        });
        return problems;
    }

    public Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("inputs", describe(inputs));
        description.put("outputs", describe(outputs));
        return description;
    }

    private static Map<String, GoldenTensor> run(OrtSession session, Map<String, GoldenTensor> inputs) throws OrtException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, GoldenTensor> input : inputs.entrySet()) {
                tensors.put(input.getKey(), input.getValue().create(environment));
            }
            Map<String, GoldenTensor> outputs = new LinkedHashMap<>();
            try (OrtSession.Result result = session.run(tensors)) {
                for (Map.Entry<String, OnnxValue> output : result) {
                    OnnxTensor tensor = (OnnxTensor) output.getValue();
                    FloatBuffer buffer = tensor.getFloatBuffer();
                    float[] values = new float[buffer.remaining()];
                    buffer.get(values);
                    outputs.put(output.getKey(), GoldenTensor.ofFloats(values, tensor.getInfo().getShape()));
                }
            }
            return outputs;
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    /** Inputs within what each table and feature accepts (hashed rows in range, unit-length histories). */
    private static Map<String, GoldenTensor> inputsFor(ModelSignature signature, Random random) {
        Map<String, GoldenTensor> inputs = new LinkedHashMap<>();
        for (TensorSpec spec : signature.inputs()) {
            long[] shape = spec.shape();
            shape[0] = ROWS;
            int size = 1;
            for (long d : shape) {
                size *= (int) d;
            }
            inputs.put(spec.name(), switch (spec.name()) {
                case "tags" -> GoldenTensor.ofLongs(rows(random, size, TwoTower.TAG_BUCKETS), shape);
                case "tokens" -> GoldenTensor.ofLongs(rows(random, size, TwoTower.TOKEN_BUCKETS), shape);
                case "author" -> GoldenTensor.ofLongs(rows(random, size, TwoTower.AUTHOR_BUCKETS), shape);
                case "media_type" -> GoldenTensor.ofLongs(rows(random, size, 2), shape);
                case "history" -> GoldenTensor.ofFloats(unitRows(random, size, (int) shape[2]), shape);
                case "history_mask" -> GoldenTensor.ofFloats(prefixMask(random, (int) shape[0], (int) shape[1]), shape);
                default -> GoldenTensor.ofFloats(uniform(random, size), shape);
            });
        }
        return inputs;
    }

    private static long[] rows(Random random, int size, int buckets) {
        long[] rows = new long[size];
        for (int i = 0; i < size; i++) {
            rows[i] = random.nextInt(buckets);
        }
        return rows;
    }

    private static float[] unitRows(Random random, int size, int dimension) {
        float[] values = new float[size];
        for (int row = 0; row < size / dimension; row++) {
            double norm = 0;
            for (int d = 0; d < dimension; d++) {
                float v = (float) random.nextGaussian();
                values[row * dimension + d] = v;
                norm += v * v;
            }
            for (int d = 0; d < dimension; d++) {
                values[row * dimension + d] /= (float) Math.sqrt(norm);
            }
        }
        return values;
    }

    private static float[] prefixMask(Random random, int rows, int length) {
        float[] mask = new float[rows * length];
        for (int row = 0; row < rows; row++) {
            int real = 1 + random.nextInt(length);
            java.util.Arrays.fill(mask, row * length, row * length + real, 1f);
        }
        return mask;
    }

    private static float[] uniform(Random random, int size) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextFloat() * 3;
        }
        return values;
    }

    private static Map<String, Object> describe(Map<String, GoldenTensor> tensors) {
        Map<String, Object> described = new LinkedHashMap<>();
        tensors.forEach((name, tensor) -> described.put(name, tensor.describe()));
        return described;
    }

    private static Map<String, GoldenTensor> read(Object described) {
        if (!(described instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("a golden set's inputs and outputs are maps by tensor name");
        }
        Map<String, GoldenTensor> tensors = new LinkedHashMap<>();
        map.forEach((name, tensor) -> tensors.put((String) name, GoldenTensor.read(tensor)));
        return tensors;
    }
}
