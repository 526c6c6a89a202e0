package dev.shutter.stack.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shutter.stack.StackFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @TempDir
    Path base;

    @Test
    void aFirstOpenLaysOutTheDirectory() {
        try (DataDirectory data = DataDirectory.open(base.resolve("stack"), false)) {
            assertThat(data.postgres()).isDirectory();
            assertThat(data.redis()).isDirectory();
            assertThat(data.rawBucket()).isDirectory();
            assertThat(data.mediaBucket()).isDirectory();
            assertThat(data.modelBucket()).isDirectory().isEqualTo(data.root().resolve("blobs/models"));
            assertThat(data.logs()).isDirectory();
            assertThat(data.root().resolve(DataDirectory.MARKER)).isRegularFile();
            assertThat(data.hasDatabase()).isFalse();
        }
    }

    @Test
    void dataSurvivesAReopen() throws IOException {
        Path dir = base.resolve("stack");
        try (DataDirectory data = DataDirectory.open(dir, false)) {
            Files.writeString(data.mediaBucket().resolve("kept"), "photo");
        }
        try (DataDirectory data = DataDirectory.open(dir, false)) {
            assertThat(data.mediaBucket().resolve("kept")).hasContent("photo");
        }
    }

    @Test
    void freshWipesEverything() throws IOException {
        Path dir = base.resolve("stack");
        try (DataDirectory data = DataDirectory.open(dir, false)) {
            Files.createDirectories(data.mediaBucket().resolve("objects/media/1"));
            Files.writeString(data.mediaBucket().resolve("objects/media/1/hq.webp"), "photo");
            Files.writeString(data.postgres().resolve("PG_VERSION"), "17");
        }
        try (DataDirectory data = DataDirectory.open(dir, true)) {
            assertThat(data.mediaBucket()).isEmptyDirectory();
            assertThat(data.postgres()).isEmptyDirectory();
            assertThat(data.hasDatabase()).isFalse();
            assertThat(data.root().resolve(DataDirectory.MARKER)).isRegularFile();
        }
    }

    @Test
    void aDirectoryOfSomethingElseIsNeverWiped() throws IOException {
        Path someones = Files.createDirectories(base.resolve("documents"));
        Files.writeString(someones.resolve("thesis.txt"), "irreplaceable");

        assertThatThrownBy(() -> DataDirectory.open(someones, true))
                .isInstanceOf(StackFailure.class)
                .hasMessageContaining("is not a Shutter data directory");
        assertThat(someones.resolve("thesis.txt")).hasContent("irreplaceable");
    }

    @Test
    void twoStacksCannotShareADirectory() {
        Path dir = base.resolve("stack");
        try (DataDirectory running = DataDirectory.open(dir, false)) {
            assertThatThrownBy(() -> DataDirectory.open(dir, true))
                    .isInstanceOf(StackFailure.class)
                    .hasMessageContaining("another Shutter stack is running on");
            assertThat(running.postgres()).isDirectory(); // --fresh of the second did not wipe it
        }
        DataDirectory.open(dir, false).close(); // free again once the first stopped
    }
}
