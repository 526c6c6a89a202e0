package dev.shutter.blobs;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A URL that lets a client read or write one object directly, without credentials, until it
 * expires. It maps one to one onto the API's upload response {@code {method, url, headers,
 * expiresAt}}.
 *
 * @param method the HTTP method the client must use ({@code PUT} or {@code GET})
 * @param url the URL, signature included
 * @param headers headers the client must send exactly as given (they are part of the signature),
 *     e.g. {@code Content-Type}; empty when none are needed
 * @param expiresAt when the URL stops working
 */
public record SignedUrl(String method, URI url, Map<String, String> headers, Instant expiresAt) {

    public SignedUrl {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(expiresAt, "expiresAt");
        headers = Map.copyOf(headers);
    }
}
