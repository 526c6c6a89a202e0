package dev.shutter.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackOptionsTest {

    @Test
    void aFirstModelIsTrainedUnlessAskedNotTo() {
        Path repo = Path.of("/repo");
        assertThat(StackOptions.parse(List.of(), repo, null, false).firstModel()).isTrue();
        StackOptions without = StackOptions.parse(List.of("--no-first-model", "--port-base", "18080"), repo, null, false);
        assertThat(without.firstModel()).isFalse();
        assertThat(without.portBase()).isEqualTo(18080);
    }
}
