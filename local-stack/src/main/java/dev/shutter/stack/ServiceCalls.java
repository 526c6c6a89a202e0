package dev.shutter.stack;

import dev.shutter.serviceauth.LocalServiceTokens;
import dev.shutter.serviceauth.ServiceTokenKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code ./shutter} commands' calls to post-service's {@code /internal} endpoints, proved with
 * the stack's shared service key as the services prove themselves to each other (the gateway does
 * not route {@code /internal}).
 */
final class ServiceCalls {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String token;
    private final int postServicePort;

    private ServiceCalls(String token, int postServicePort) {
        this.token = token;
        this.postServicePort = postServicePort;
    }

    /** Calls as {@code shutter-cli}; empty (with the reason on stderr) when no stack has run on the data directory. */
    static Optional<ServiceCalls> of(StackOptions options) throws IOException {
        Path keyFile = options.dataDir().resolve("keys/service.key");
        if (!Files.exists(keyFile)) {
            System.err.println("shutter: no stack has run on " + options.dataDir() + " (" + keyFile + " is missing)");
            return Optional.empty();
        }
        String token = new LocalServiceTokens(ServiceTokenKey.loadOrCreate(keyFile), "shutter-cli", "post-service").token();
        return Optional.of(new ServiceCalls(token, options.ports().postService()));
    }

    URI postService(String path) {
        return URI.create("http://127.0.0.1:" + postServicePort + path);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
