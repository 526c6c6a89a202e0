package dev.shutter.stack.gateway;

import dev.shutter.problem.ExchangeProblems;
import dev.shutter.problem.Problem;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Forwards requests to one service, as the load balancer forwards to a Cloud Run backend: same
 * method, path, query and headers (hop-by-hop ones dropped, {@code X-Forwarded-*} added), bodies
 * streamed both ways. A service that is not listening is a 503 with {@code Retry-After}, one that
 * does not answer in time a 504, both as problem+json.
 */
public final class ReverseProxy implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(ReverseProxy.class.getName());
    /** Connection-level headers (RFC 9110 §7.6.1) and those java.net.http sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host",
            "content-length", "expect", "date");
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String backend;
    private final URI upstream;
    private final HttpClient client;

    /** @param upstream the service's base, e.g. {@code http://127.0.0.1:8081} */
    public ReverseProxy(String backend, URI upstream, HttpClient client) {
        this.backend = backend;
        this.upstream = upstream;
        this.client = client;
    }

    /** A client fit for proxying: HTTP/1.1, redirects passed back to the caller, not followed. */
    public static HttpClient newClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            HttpResponse<InputStream> response;
            try {
                response = client.send(requestFor(exchange), HttpResponse.BodyHandlers.ofInputStream());
            } catch (ConnectException e) {
                exchange.getResponseHeaders().set("Retry-After", "2");
                ExchangeProblems.send(exchange, Problem.of(503, "backend-unavailable", "Service unavailable",
                        backend + " is not answering (starting or stopped); retry shortly"));
                return;
            } catch (HttpTimeoutException e) {
                ExchangeProblems.send(exchange, Problem.of(504, "backend-timeout", "Gateway timeout",
                        backend + " did not answer within " + TIMEOUT.toSeconds() + " s"));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException e) {
                LOG.log(Level.WARNING, backend + " failed " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getRawPath(), e);
                ExchangeProblems.send(exchange, Problem.of(502, "bad-gateway", "Bad gateway", backend + " closed the connection"));
                return;
            }
            relay(exchange, response);
        }
    }

    private HttpRequest requestFor(HttpExchange exchange) {
        URI incoming = exchange.getRequestURI();
        String target = upstream.toString() + incoming.getRawPath()
                + (incoming.getRawQuery() == null ? "" : "?" + incoming.getRawQuery());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target))
                .timeout(TIMEOUT)
                .method(exchange.getRequestMethod(), bodyOf(exchange));
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                for (String value : header.getValue()) {
                    request.header(header.getKey(), value);
                }
            }
        }
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host != null) {
            request.header("X-Forwarded-Host", host);
        }
        request.header("X-Forwarded-Proto", "http");
        request.header("X-Forwarded-For", exchange.getRemoteAddress().getAddress().getHostAddress());
        return request.build();
    }

    private static HttpRequest.BodyPublisher bodyOf(HttpExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        String encoding = exchange.getRequestHeaders().getFirst("Transfer-Encoding");
        if (length != null) {
            long declared = Long.parseLong(length.strip());
            return declared == 0 ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(exchange::getRequestBody), declared);
        }
        if (encoding != null) {
            return HttpRequest.BodyPublishers.ofInputStream(exchange::getRequestBody);
        }
        return HttpRequest.BodyPublishers.noBody();
    }

    private static void relay(HttpExchange exchange, HttpResponse<InputStream> response) throws IOException {
        for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
            if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))
                    && !header.getKey().startsWith(":")) {
                exchange.getResponseHeaders().put(header.getKey(), header.getValue());
            }
        }
        int status = response.statusCode();
        long length = response.headers().firstValueAsLong("Content-Length").orElse(0);
        boolean noBody = exchange.getRequestMethod().equals("HEAD") || status == 204 || status == 304
                || response.headers().firstValue("Content-Length").map("0"::equals).orElse(false);
        try (InputStream body = response.body()) {
            if (noBody) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            // 0 asks the JDK server for chunked encoding when the length is unknown.
            exchange.sendResponseHeaders(status, length);
            try (OutputStream out = exchange.getResponseBody()) {
                body.transferTo(out);
            }
        }
    }
}
