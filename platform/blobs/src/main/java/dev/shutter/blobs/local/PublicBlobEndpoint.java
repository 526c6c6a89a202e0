package dev.shutter.blobs.local;

import dev.shutter.problem.ExchangeProblems;
import dev.shutter.problem.Problem;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.shutter.blobs.BlobInfo;
import dev.shutter.blobs.BlobKey;
import dev.shutter.blobs.BlobStore;
import dev.shutter.blobs.BlobStream;
import dev.shutter.blobs.NoSuchBlobException;
import java.io.IOException;
import java.io.OutputStream;
import org.jboss.logging.Logger;

/**
 * Serves a local bucket's objects without a signature at {@code {pathPrefix}{key}}, as Cloud CDN
 * serves a public backend bucket: {@code GET} and {@code HEAD} only, with the object's content
 * type and a public cache lifetime. This is what {@code shutter.media.base-url} points at locally;
 * private accounts' media go through {@link SignedBlobEndpoint} instead.
 */
public final class PublicBlobEndpoint implements HttpHandler {

    /** GCS's default for publicly readable objects. */
    static final String CACHE_CONTROL = "public, max-age=3600";
    private static final Logger LOG = Logger.getLogger(PublicBlobEndpoint.class);

    private final BlobStore store;
    private final String pathPrefix;

    /** @param pathPrefix the path objects are served under, e.g. {@code /media/}; ends with '/' */
    public PublicBlobEndpoint(BlobStore store, String pathPrefix) {
        if (!pathPrefix.startsWith("/") || !pathPrefix.endsWith("/")) {
            throw new IllegalArgumentException("pathPrefix must start and end with '/', was " + pathPrefix);
        }
        this.store = store;
        this.pathPrefix = pathPrefix;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                ExchangeProblems.send(exchange, Problem.of(405, "method-not-allowed", "Method not allowed",
                        "media are read-only here"));
                return;
            }
            String rawPath = exchange.getRequestURI().getRawPath();
            BlobKey key;
            try {
                if (!rawPath.startsWith(pathPrefix)) {
                    throw new IllegalArgumentException("path is not under " + pathPrefix);
                }
                key = LocalUrlVerifier.decodeKey(rawPath.substring(pathPrefix.length()));
            } catch (IllegalArgumentException e) {
                ExchangeProblems.send(exchange, Problem.of(400, "bad-key", "Invalid object key", e.getMessage()));
                return;
            }
            serve(exchange, key, method.equals("HEAD"));
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "%s %s failed", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath());
            if (exchange.getResponseCode() < 0) {
                ExchangeProblems.trySend(exchange, Problem.of(500, "internal", "Internal error",
                        "the request could not be served"));
            }
        }
    }

    private void serve(HttpExchange exchange, BlobKey key, boolean headOnly) throws IOException {
        BlobStream blob;
        try {
            blob = store.get(key);
        } catch (NoSuchBlobException e) {
            ExchangeProblems.send(exchange, Problem.of(404, "not-found", "No such object", "no object " + key));
            return;
        }
        try (blob) {
            BlobInfo info = blob.info();
            exchange.getResponseHeaders().set("Content-Type", info.contentType());
            exchange.getResponseHeaders().set("Cache-Control", CACHE_CONTROL);
            exchange.getResponseHeaders().set("ETag", "\"" + info.generation() + "\"");
            exchange.getResponseHeaders().set(SignedBlobEndpoint.GENERATION_HEADER, info.generation());
            if (headOnly) {
                exchange.getResponseHeaders().set("Content-Length", Long.toString(info.size()));
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            // -1 means "no body" to this server, 0 would mean "chunked".
            exchange.sendResponseHeaders(200, info.size() == 0 ? -1 : info.size());
            try (OutputStream out = exchange.getResponseBody()) {
                blob.transferTo(out);
            }
        }
    }
}
