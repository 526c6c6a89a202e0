package dev.shutter.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a model takes and gives, and the rules its inputs were made by (hashing buckets, sizes):
 * written into each version's manifest by ml-models, checked by explore-service against the
 * loaded model before it serves a request.
 */
public record ModelSignature(String model, List<TensorSpec> inputs, List<TensorSpec> outputs, Map<String, Object> rules) {

    public ModelSignature {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        rules = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rules));
    }

    /**
     * How a model's actual inputs and outputs differ from this signature, in words; empty when it
     * matches (extra tensors count as differences too: a model is exactly its signature).
     */
    public List<String> mismatches(List<TensorSpec> actualInputs, List<TensorSpec> actualOutputs) {
        List<String> problems = new ArrayList<>();
        compare("input", inputs, actualInputs, problems);
        compare("output", outputs, actualOutputs, problems);
        return problems;
    }

    /** As recorded in a manifest. */
    public Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("model", model);
        description.put("inputs", inputs.stream().map(TensorSpec::describe).toList());
        description.put("outputs", outputs.stream().map(TensorSpec::describe).toList());
        description.put("rules", rules);
        return description;
    }

    private static void compare(String kind, List<TensorSpec> expected, List<TensorSpec> actual, List<String> problems) {
        Map<String, TensorSpec> byName = actual.stream().collect(Collectors.toMap(TensorSpec::name, Function.identity(),
                (a, b) -> a, LinkedHashMap::new));
        for (TensorSpec wanted : expected) {
            TensorSpec found = byName.remove(wanted.name());
            if (found == null) {
                problems.add("missing " + kind + " " + wanted);
            } else if (!wanted.accepts(found)) {
                problems.add(kind + " " + found + " should be " + wanted);
            }
        }
        byName.values().forEach(extra -> problems.add("unexpected " + kind + " " + extra));
    }
}
