package dev.shutter.stack.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shutter.stack.StackFailure;
import dev.shutter.stack.StackPorts;
import dev.shutter.testsupport.FreePort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortCheckTest {

    @Test
    void aTakenPortIsNamedWithWhatTheStackNeedsItFor() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<StackPorts.Named> ports = List.of(new StackPorts.Named("the gateway", FreePort.find()),
                    new StackPorts.Named("post-service", taken.getLocalPort()));

            assertThatThrownBy(() -> PortCheck.requireFree(ports))
                    .isInstanceOf(StackFailure.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " (post-service) is already in use")
                    .hasMessageContaining("--port-base");
        }
    }

    @Test
    void aListenerOnTheWildcardAddressCountsAsTaken() throws IOException {
        try (ServerSocket wildcard = new ServerSocket()) {
            wildcard.bind(new InetSocketAddress(0));
            assertThat(PortCheck.isFree(wildcard.getLocalPort())).isFalse();
        }
    }

    @Test
    void freePortsPass() {
        PortCheck.requireFree(List.of(new StackPorts.Named("Redis", FreePort.find())));
    }

    @Test
    void aPortClosedAMomentAgoIsFreeAgain() throws IOException {
        int port;
        try (ServerSocket previousRun = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = previousRun.getLocalPort();
        }
        assertThat(PortCheck.isFree(port)).isTrue();
    }
}
