package dev.shutter.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shutter.models.TensorSpec.DType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelSignatureTest {

    private final ModelSignature item = TwoTower.itemTower(64);

    @Test
    void aModelExactlyLikeItsSignatureMatches() {
        assertThat(item.mismatches(item.inputs(), item.outputs())).isEmpty();
        assertThat(Ranker.signature().mismatches(Ranker.signature().inputs(), Ranker.signature().outputs())).isEmpty();
    }

    @Test
    void everyDifferenceIsNamed() {
        List<TensorSpec> inputs = new ArrayList<>(item.inputs());
        inputs.set(0, new TensorSpec("tags", DType.FLOAT32, new long[] {-1, TwoTower.MAX_TAGS}));
        inputs.removeIf(spec -> spec.name().equals("visual"));
        inputs.add(new TensorSpec("colour", DType.FLOAT32, new long[] {-1, 3}));
        List<String> problems = item.mismatches(inputs, TwoTower.itemTower(32).outputs());
        assertThat(problems).containsExactlyInAnyOrder(
                "input tags:float32[-1, 8] should be tags:int64[-1, 8]",
                "missing input visual:float32[-1, 3]",
                "unexpected input colour:float32[-1, 3]",
                "output embedding:float32[-1, 32] should be embedding:float32[-1, 64]");
    }

    @Test
    void theManifestFormCarriesTheRulesInAFixedOrder() {
        var described = TwoTower.userTower(16).describe();
        assertThat(described).containsEntry("model", TwoTower.USER_TOWER);
        @SuppressWarnings("unchecked")
        var rules = (java.util.Map<String, Object>) described.get("rules");
        assertThat(rules).containsEntry("dimension", 16).containsEntry("hashing", FeatureHashing.ALGORITHM);
        assertThat(rules.keySet()).startsWith("dimension", "normalised", "hashing");
        assertThat(described.get("inputs").toString()).contains("history", "[-1, 50, 16]");
    }
}
