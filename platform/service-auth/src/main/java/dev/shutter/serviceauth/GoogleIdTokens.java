package dev.shutter.serviceauth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Google-signed ID tokens of this Cloud Run service's account, for the callee's URL as audience,
 * from the metadata server (valid an hour; fetched again ten minutes before that).
 */
public final class GoogleIdTokens implements ServiceCredentials {

    private static final String METADATA = "http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/identity";
    private static final Duration REFETCH_AFTER = Duration.ofMinutes(50);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String audience;
    private final AtomicReference<Fetched> current = new AtomicReference<>();

    private record Fetched(String token, Instant refetchAt) {}

    public GoogleIdTokens(String audience) {
        this.audience = audience;
    }

    @Override
    public String token() {
        Fetched fetched = current.get();
        if (fetched == null || Instant.now().isAfter(fetched.refetchAt())) {
            fetched = new Fetched(fetch(), Instant.now().plus(REFETCH_AFTER));
            current.set(fetched);
        }
        return fetched.token();
    }

    private String fetch() {
        URI uri = URI.create(METADATA + "?audience=" + URLEncoder.encode(audience, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Metadata-Flavor", "Google")
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the metadata server answered " + response.statusCode() + " for an ID token");
            }
            return response.body().strip();
        } catch (IOException e) {
            throw new IllegalStateException("could not fetch an ID token from the metadata server: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching an ID token", e);
        }
    }
}
