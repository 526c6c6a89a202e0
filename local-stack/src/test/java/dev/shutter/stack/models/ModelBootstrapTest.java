package dev.shutter.stack.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shutter.stack.Console;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bootstrap's reporting, with shell scripts standing in for ml-models (which the stack runs the same way). */
class ModelBootstrapTest {

    @TempDir
    Path dir;

    final ByteArrayOutputStream output = new ByteArrayOutputStream();
    final Console console = new Console(new PrintStream(output, true, StandardCharsets.UTF_8), false);

    @Test
    void stepsShowOnTheConsoleAndEverythingGoesToTheLog() throws Exception {
        ModelBootstrap bootstrap = start("""
                echo 'bootstrap: generating the synthetic dataset'
                echo '  epoch 1/2 loss 4.1'
                echo 'bootstrap: published release v0001: ranker ndcg@50 0.2'
                """);

        assertThat(bootstrap.await(Duration.ofSeconds(30))).isTrue();
        assertThat(console()).containsSubsequence(
                "  ..   first model: starting",
                "  ..   first model: generating the synthetic dataset",
                "  ..   first model: published release v0001: ranker ndcg@50 0.2")
                .noneMatch(line -> line.contains("epoch"))
                .last().asString().matches("  ok   first model: published release v0001: ranker ndcg@50 0\\.2 \\(\\d+ s\\)");
        assertThat(bootstrap.log()).content().contains("sh -c", "bootstrap: generating", "  epoch 1/2 loss 4.1",
                "bootstrap: published release v0001");
    }

    @Test
    void aFailureIsReportedWithItsLogAndNothingElseHappens() throws Exception {
        ModelBootstrap bootstrap = start("""
                echo 'bootstrap: training (quick)'
                echo 'Exception in thread "main" java.lang.IllegalStateException: no libtorch'
                printf '\\tat dev.shutter.ml.train.TrainingRun.run(TrainingRun.java:42)\\n'
                exit 3
                """);

        assertThat(bootstrap.await(Duration.ofSeconds(30))).isTrue();
        assertThat(console()).contains("  FAIL first model: the bootstrap exited with code 3 at \"training (quick)\": "
                + "Exception in thread \"main\" java.lang.IllegalStateException: no libtorch");
        assertThat(console()).anySatisfy(line -> assertThat(line).startsWith("  note first model: the stack stays up")
                .endsWith("log " + bootstrap.log()));
        assertThat(bootstrap.log()).content().contains("TrainingRun.java:42");
    }

    @Test
    void stoppingWithTheStackEndsItQuietly() throws Exception {
        ModelBootstrap bootstrap = start("""
                echo 'bootstrap: training (quick)'
                exec sleep 60
                """);
        while (!console().contains("  ..   first model: training (quick)")) {
            Thread.sleep(20);
        }

        bootstrap.stop(Duration.ofSeconds(5));

        assertThat(bootstrap.isAlive()).isFalse();
        assertThat(console()).noneMatch(line -> line.contains("FAIL"))
                .anySatisfy(line -> assertThat(line).startsWith("  note first model: stopped with the stack"));
    }

    private ModelBootstrap start(String script) {
        return ModelBootstrap.start(List.of("sh", "-c", script), dir, dir.resolve("logs/ml-bootstrap.log"), console);
    }

    private List<String> console() {
        return output.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
