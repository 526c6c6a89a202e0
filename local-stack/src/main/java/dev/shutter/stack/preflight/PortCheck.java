package dev.shutter.stack.preflight;

import dev.shutter.stack.StackFailure;
import dev.shutter.stack.StackPorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

/**
 * Finds a port the stack needs that something else already listens on, before anything starts,
 * so the user gets one line naming the port and its purpose instead of a service's stack trace
 * half-way through the start.
 */
public final class PortCheck {

    private PortCheck() {}

    /** @throws StackFailure naming the first port that is taken */
    public static void requireFree(List<StackPorts.Named> ports) {
        int suggestedBase = ports.getFirst().port() + 1000;
        for (StackPorts.Named port : ports) {
            if (!isFree(port.port())) {
                throw new StackFailure("port " + port.port() + " (" + port.owner() + ") is already in use: stop what"
                        + " listens there (ss -ltnp 'sport = :" + port.port() + "' shows it), or move the whole stack"
                        + " with --port-base (e.g. --port-base " + suggestedBase + ")");
            }
        }
    }

    /**
     * Whether a listener may bind the loopback port now. SO_REUSEADDR as the servers set it, so a
     * port still in TIME_WAIT after the previous run counts as free while a listener on the
     * loopback or the wildcard address does not.
     */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
