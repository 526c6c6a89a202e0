package dev.shutter.problem;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Problems answered by the JDK's HTTP server: the local blob store's endpoints and the gateway. */
public final class ExchangeProblems {

    private static final Logger LOG = Logger.getLogger(ExchangeProblems.class.getName());

    private ExchangeProblems() {}

    /** Sends the problem as the whole response (headers only for HEAD) and closes the exchange's body. */
    public static void send(HttpExchange exchange, Problem problem) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", Problem.MEDIA_TYPE);
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(problem.status(), -1);
            exchange.close();
            return;
        }
        byte[] body = problem.toJson();
        exchange.sendResponseHeaders(problem.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** As {@link #send}, for a failure path: a client that went away is not worth a second error. */
    public static void trySend(HttpExchange exchange, Problem problem) {
        try {
            send(exchange, problem);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "could not send the error response", e);
        }
    }
}
