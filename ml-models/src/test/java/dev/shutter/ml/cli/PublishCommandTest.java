package dev.shutter.ml.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shutter.ml.publish.FakeTrainedModels;
import dev.shutter.models.ModelRefusedException;
import dev.shutter.models.ModelRelease;
import dev.shutter.models.ModelStore;
import dev.shutter.testsupport.TestRedis;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishCommandTest {

    @TempDir
    Path dir;

    @Test
    void publishesADirectoryAndSaysWhatItReplaced() throws Exception {
        Path store = dir.resolve("store");
        String first = publish(Map.of("model", trained("v0001", 0.30).toString(), "store", store.toString()));
        assertThat(first).contains("version v0001, dimension 32", "the first item-tower",
                "wrote 3 of 3 models into " + store + "; release v0001 is complete there",
                "no --events: no model.published event sent");

        String second = publish(Map.of("model", trained("v0002", 0.32).toString(), "store", store.toString(),
                "events", TestRedis.shared().uri()));
        assertThat(second).contains("item-tower v0002  recall@100 0.3200, replaces v0001 (0.3000)",
                "model.published: 3 events sent to " + TestRedis.shared().uri());
        assertThat(ModelStore.local(store).latestComplete(ModelRelease.EXPLORE).orElseThrow().version()).isEqualTo("v0002");

        // Again (say, after the events failed): nothing is written twice, the events go out again.
        String again = publish(Map.of("model", dir.resolve("trained-v0002").toString(), "store", store.toString(),
                "events", TestRedis.shared().uri()));
        assertThat(again).contains("in the store already, these very bytes", "wrote 0 of 3 models",
                "model.published: 3 events sent");
    }

    @Test
    void refusesAWorseDirectoryUnlessForced() throws Exception {
        Path store = dir.resolve("store");
        publish(Map.of("model", trained("v0001", 0.30).toString(), "store", store.toString()));
        Map<String, String> worse = Map.of("model", trained("v0002", 0.20).toString(), "store", store.toString());

        assertThatThrownBy(() -> publish(worse)).isInstanceOf(ModelRefusedException.class)
                .hasMessageStartingWith("refused: nothing of v0002 was published: item-tower v0002 has recall@100 0.2");
        Map<String, String> forced = new LinkedHashMap<>(worse);
        forced.put("force", "true");
        assertThat(publish(forced)).contains("(forced)", "replaces v0001 (0.3000)");
        assertThatThrownBy(() -> publish(Map.of("model", "x", "store", "y", "force", "yes")))
                .hasMessageContaining("--force takes true or false");
        assertThatThrownBy(() -> publish(Map.of("store", "y"))).hasMessageContaining("--model is required");
    }

    private String publish(Map<String, String> options) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PublishCommand.run(options, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A trained model directory whose towers score {@code figure} as recall@100 and the ranker as ndcg@50. */
    private Path trained(String version, double figure) throws Exception {
        return FakeTrainedModels.write(dir.resolve("trained-" + version), version, figure, figure);
    }
}
