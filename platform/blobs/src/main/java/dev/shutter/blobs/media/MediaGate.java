package dev.shutter.blobs.media;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.shutter.blobs.BlobInfo;
import dev.shutter.blobs.BlobKey;
import dev.shutter.blobs.BlobStore;
import dev.shutter.blobs.BlobStream;
import dev.shutter.blobs.NoSuchBlobException;
import dev.shutter.blobs.local.LocalUrlVerifier;
import dev.shutter.contracts.media.MediaRef;
import dev.shutter.contracts.media.ObjectKeys;
import dev.shutter.problem.ExchangeProblems;
import dev.shutter.problem.Problem;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Serves the media bucket at {@code {pathPrefix}{key}} by the one rule of private media: an
 * object is served without a grant only while its owner is public ({@link PublicAccounts}), and
 * with a genuine, unexpired {@link MediaUrlSigner} grant otherwise. An object that may not be
 * served unsigned answers 404 as a missing one does, so whether a private account's media exist
 * does not leak; with the index unreachable, unsigned requests get 503, never the object. A
 * story's media are served by a grant only (its URLs' grants end with the story), whoever owns them.
 *
 * <p>Public media are cacheable by everyone ({@code public}); granted ones only by the client
 * ({@code private}, no longer than the grant). HLS playlists served under a prefix grant carry the
 * grant on to the URIs they name ({@link HlsPlaylists}), so private videos play.
 */
public final class MediaGate implements HttpHandler {

    static final String PUBLIC_CACHE = "public, max-age=3600";
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(MediaGate.class);

    private final BlobStore media;
    private final MediaUrlSigner signer;
    private final PublicAccounts publicAccounts;
    private final String pathPrefix;

    /** @param pathPrefix the path objects are served under, e.g. {@code /media/}; ends with '/' */
    public MediaGate(BlobStore media, MediaUrlSigner signer, PublicAccounts publicAccounts, String pathPrefix) {
        if (!pathPrefix.startsWith("/") || !pathPrefix.endsWith("/")) {
            throw new IllegalArgumentException("pathPrefix must start and end with '/', was " + pathPrefix);
        }
        this.media = media;
        this.signer = signer;
        this.publicAccounts = publicAccounts;
        this.pathPrefix = pathPrefix;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                ExchangeProblems.send(exchange, Problem.of(405, "method-not-allowed", "Method not allowed", "media are read-only"));
                return;
            }
            BlobKey key;
            Map<String, String> query;
            try {
                String rawPath = exchange.getRequestURI().getRawPath();
                if (!rawPath.startsWith(pathPrefix)) {
                    throw new IllegalArgumentException("path is not under " + pathPrefix);
                }
                key = LocalUrlVerifier.decodeKey(rawPath.substring(pathPrefix.length()));
                query = LocalUrlVerifier.parseQuery(exchange.getRequestURI().getRawQuery());
            } catch (IllegalArgumentException e) {
                ExchangeProblems.send(exchange, Problem.of(400, "bad-key", "Invalid object key", e.getMessage()));
                return;
            }
            decide(exchange, key, query, method.equals("HEAD"));
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "%s %s failed", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath());
            if (exchange.getResponseCode() < 0) {
                ExchangeProblems.trySend(exchange, Problem.of(500, "internal", "Internal error", "the request could not be served"));
            }
        }
    }

    private void decide(HttpExchange exchange, BlobKey key, Map<String, String> query, boolean headOnly) throws IOException {
        switch (signer.verify(key.value(), query)) {
            case GRANTED -> serve(exchange, key, headOnly, "private, max-age=" + grantSeconds(query),
                    query.containsKey(MediaUrlSigner.PREFIX) ? MediaUrlSigner.grantQuery(query) : null);
            case EXPIRED -> ExchangeProblems.send(exchange, Problem.of(403, "signature-expired", "Signed URL expired",
                    "this media URL has expired; fetch the post again for a fresh one"));
            case FORGED -> ExchangeProblems.send(exchange, Problem.of(403, "bad-signature", "Signature does not match",
                    "the media URL's signature does not match it"));
            case UNSIGNED -> {
                Optional<MediaRef> item = ObjectKeys.parseProcessed(key.value());
                if (item.isPresent() && item.get().isStory()) {
                    // A story's media only by a grant, which ends with the story; never openly, even a public owner's.
                    notFound(exchange, key);
                    return;
                }
                boolean open;
                try {
                    open = item.isPresent() && publicAccounts.isPublic(item.get().ownerId());
                } catch (PublicAccounts.Unavailable e) {
                    LOG.warnf("Refusing unsigned media, the public-accounts index is unreachable: %s", e.getMessage());
                    exchange.getResponseHeaders().set("Retry-After", Long.toString(RETRY_AFTER.toSeconds()));
                    ExchangeProblems.send(exchange, Problem.of(503, "Service unavailable",
                            "media cannot be checked right now; try again shortly", java.util.List.of()));
                    return;
                }
                if (open) {
                    serve(exchange, key, headOnly, PUBLIC_CACHE, null);
                } else {
                    notFound(exchange, key);
                }
            }
        }
    }

    private static long grantSeconds(Map<String, String> query) {
        long left = Long.parseLong(query.get(MediaUrlSigner.EXPIRES)) - java.time.Instant.now().getEpochSecond();
        return Math.max(0, left);
    }

    private void serve(HttpExchange exchange, BlobKey key, boolean headOnly, String cacheControl, String grantToPass)
            throws IOException {
        BlobStream blob;
        try {
            blob = media.get(key);
        } catch (NoSuchBlobException e) {
            notFound(exchange, key);
            return;
        }
        try (blob) {
            BlobInfo info = blob.info();
            exchange.getResponseHeaders().set("Content-Type", info.contentType());
            exchange.getResponseHeaders().set("Cache-Control", cacheControl);
            exchange.getResponseHeaders().set("ETag", "\"" + info.generation() + "\"");
            boolean playlist = grantToPass != null && key.value().endsWith(".m3u8");
            if (playlist) {
                byte[] body = HlsPlaylists.withGrant(new String(blob.readAllBytes(), StandardCharsets.UTF_8), grantToPass)
                        .getBytes(StandardCharsets.UTF_8);
                send(exchange, headOnly, body.length, out -> out.write(body));
            } else {
                send(exchange, headOnly, info.size(), blob::transferTo);
            }
        }
    }

    private interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private static void send(HttpExchange exchange, boolean headOnly, long size, Body body) throws IOException {
        if (headOnly) {
            exchange.getResponseHeaders().set("Content-Length", Long.toString(size));
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        // -1 means "no body" to this server, 0 would mean "chunked".
        exchange.sendResponseHeaders(200, size == 0 ? -1 : size);
        try (OutputStream out = exchange.getResponseBody()) {
            body.writeTo(out);
        }
    }

    private static void notFound(HttpExchange exchange, BlobKey key) throws IOException {
        ExchangeProblems.send(exchange, Problem.of(404, "not-found", "No such object", "no media " + key));
    }
}
