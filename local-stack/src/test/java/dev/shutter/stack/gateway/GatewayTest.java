package dev.shutter.stack.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.shutter.testsupport.FreePort;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway in front of a real HTTP server standing in for a service (it echoes what it got),
 * exercised with a real client: proxying, routing outcomes and CORS.
 */
class GatewayTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private HttpServer service;
    private Gateway gateway;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        service.createContext("/", echo());
        service.start();
        int deadPort = FreePort.find(); // nothing listens: a service that is down
        RouteTable routes = new RouteTable(List.of(new Route("/v1/", "post-service"), new Route("/v1/feed", "feed-service"),
                new Route("/v1/explore", "explore-service")));
        Map<String, HttpHandler> backends = Map.of(
                "post-service", new ReverseProxy("post-service",
                        URI.create("http://127.0.0.1:" + service.getAddress().getPort()), ReverseProxy.newClient()),
                "feed-service", new ReverseProxy("feed-service", URI.create("http://127.0.0.1:" + deadPort),
                        ReverseProxy.newClient()));
        gateway = Gateway.start(new InetSocketAddress("127.0.0.1", 0), routes, backends,
                new CorsPolicy(List.of("http://app.example")));
        base = URI.create("http://127.0.0.1:" + gateway.address().getPort());
    }

    @AfterEach
    void stop() {
        gateway.close();
        service.stop(0);
    }

    /** Answers 201 with what arrived: method, path and query, a header, and the body. */
    private static HttpHandler echo() {
        return exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                byte[] answer = (exchange.getRequestMethod() + " " + exchange.getRequestURI() + " auth="
                        + exchange.getRequestHeaders().getFirst("Authorization") + " fwd="
                        + exchange.getRequestHeaders().getFirst("X-Forwarded-Proto") + " body=" + body)
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain");
                exchange.getResponseHeaders().set("Retry-After", "7");
                exchange.sendResponseHeaders(201, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        };
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), BodyHandlers.ofString());
    }

    @Test
    void proxiesMethodPathQueryHeadersAndBody() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/v1/posts?cursor=a%2Fb&limit=5"))
                .header("Authorization", "Bearer t0k")
                .POST(BodyPublishers.ofString("{\"caption\":\"hi\"}")));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("POST /v1/posts?cursor=a%2Fb&limit=5 auth=Bearer t0k fwd=http body={\"caption\":\"hi\"}");
        assertThat(response.headers().firstValue("Retry-After")).contains("7");
    }

    @Test
    void aServiceThatIsDownIsA503WithRetryAfter() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/v1/feed")));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(response.body()).contains("feed-service is not answering");
    }

    @Test
    void aRouteWhoseServiceIsNotRunningIsA503AndAnUnknownPathA404() throws Exception {
        HttpResponse<String> explore = send(HttpRequest.newBuilder(base.resolve("/v1/explore")));
        assertThat(explore.statusCode()).isEqualTo(503);
        assertThat(explore.body()).contains("explore-service is not running");

        HttpResponse<String> unknown = send(HttpRequest.newBuilder(base.resolve("/nowhere")));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"status\":404");
    }

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredAtTheGateway() throws Exception {
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(base.resolve("/v1/posts"))
                .method("OPTIONS", BodyPublishers.noBody())
                .header("Origin", "http://app.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type"));

        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("http://app.example");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("POST", "PUT", "DELETE");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).contains("authorization, content-type");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void responsesToAnAllowedOriginCarryCorsHeaders() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/v1/me")).header("Origin", "http://app.example"));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("http://app.example");
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers").orElseThrow()).contains("Retry-After");
    }

    @Test
    void anotherOriginGetsNoCorsHeaders() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/v1/me")).header("Origin", "http://evil.example"));

        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
