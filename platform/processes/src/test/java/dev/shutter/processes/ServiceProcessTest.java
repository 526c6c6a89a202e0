package dev.shutter.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real child process: the JDK's own file server, started, awaited, stopped. */
class ServiceProcessTest {

    @TempDir
    Path dir;

    @Test
    void aServerIsReadyOnceItsUrlAnswersAndStopsOnRequest() throws Exception {
        Files.writeString(dir.resolve("ready"), "ok");
        int port = freePort();
        ServiceProcess server = ServiceProcess.start("files", List.of(jwebserver(), "-b", "127.0.0.1", "-p", Integer.toString(port),
                "-d", dir.toString()), dir, dir.resolve("logs/files.log"), URI.create("http://127.0.0.1:" + port + "/ready"));
        try {
            server.awaitReady(Duration.ofSeconds(30));
            assertThat(server.isReady()).isTrue();
            assertThat(server.port()).isEqualTo(port);
            assertThat(server.baseUri()).isEqualTo(URI.create("http://127.0.0.1:" + port + "/"));
            assertThat(server.logTail(5)).contains("Serving");
        } finally {
            server.stop(Duration.ofSeconds(5));
        }
        assertThat(server.isAlive()).isFalse();
        assertThat(server.isReady()).isFalse();
    }

    @Test
    void aProcessThatExitsWhileStartingFailsWithItsLog() {
        ServiceProcess quitter = ServiceProcess.start("quitter", List.of(ServiceProcess.currentJava(), "-version"), dir,
                dir.resolve("quitter.log"), URI.create("http://127.0.0.1:" + freePort() + "/"));
        assertThatThrownBy(() -> quitter.awaitReady(Duration.ofSeconds(30)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("quitter exited with code 0")
                .hasMessageContaining("version");
    }

    @Test
    void aProcessNeverReadyIsStoppedAfterTheTimeout() throws Exception {
        int port = freePort();
        // Serves, but not the readiness path's file: 404 forever.
        ServiceProcess server = ServiceProcess.start("files", List.of(jwebserver(), "-b", "127.0.0.1", "-p", Integer.toString(port),
                "-d", dir.toString()), dir, dir.resolve("files.log"), URI.create("http://127.0.0.1:" + port + "/missing"));
        assertThatThrownBy(() -> server.awaitReady(Duration.ofSeconds(3))).hasMessageContaining("was not ready within");
        assertThat(server.isAlive()).isFalse();
    }

    @Test
    void aMissingJarIsNamed() {
        assertThatThrownBy(() -> ServiceProcess.startQuarkus("ghost", dir.resolve("quarkus-run.jar"), freePort(), 64,
                java.util.Map.of(), List.of(), dir, dir.resolve("ghost.log")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ghost is not built");
    }

    private static String jwebserver() {
        return Path.of(ServiceProcess.currentJava()).resolveSibling("jwebserver").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
