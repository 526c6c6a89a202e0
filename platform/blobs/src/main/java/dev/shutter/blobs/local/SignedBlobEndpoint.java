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
import dev.shutter.blobs.local.UrlVerification.Granted;
import dev.shutter.blobs.local.UrlVerification.Rejected;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Serves one local bucket's signed URLs ({@code PUT} and {@code GET} on {@code
 * {basePath}/{bucket}/{key}?X-Shutter-...}) as a JDK {@link HttpHandler}, so the same checks run
 * in {@link LocalBlobHttpServer} and wherever else the URLs are served (the local stack's
 * gateway mounts one per bucket). Blocking: run it on an executor with a thread per request
 * (virtual threads). Bodies stream both ways and are never held in memory.
 *
 * <table>
 *   <caption>Responses</caption>
 *   <tr><td>200</td><td>stored (PUT; header {@code X-Shutter-Generation}), or the object (GET)</td></tr>
 *   <tr><td>400</td><td>the path is not a valid key of the bucket</td></tr>
 *   <tr><td>403</td><td>signature missing or wrong, URL expired, or used with another method</td></tr>
 *   <tr><td>404</td><td>no such object (GET)</td></tr>
 *   <tr><td>405</td><td>a method other than PUT and GET</td></tr>
 *   <tr><td>409</td><td>the local store cannot hold the key ({@link PrefixConflictException})</td></tr>
 *   <tr><td>413</td><td>body larger than the URL allows</td></tr>
 *   <tr><td>415</td><td>Content-Type other than signed</td></tr>
 *   <tr><td>503</td><td>stored, but the finalize event was not published; retry</td></tr>
 * </table>
 *
 * Errors are {@code application/problem+json} bodies {@code {type, title, status, detail}}.
 */
public final class SignedBlobEndpoint implements HttpHandler {

    public static final String GENERATION_HEADER = "X-Shutter-Generation";
    private static final Logger LOG = Logger.getLogger(SignedBlobEndpoint.class);

    private final BlobStore store;
    private final LocalUrlVerifier verifier;
    private final Object[] uploadLocks = new Object[64];

    /** Serves {@code store} with URLs checked by {@code verifier}, which must be made for the same bucket and key. */
    public SignedBlobEndpoint(BlobStore store, LocalUrlVerifier verifier) {
        this.store = store;
        this.verifier = verifier;
        for (int i = 0; i < uploadLocks.length; i++) {
            uploadLocks[i] = new Object();
        }
    }

    @Override
    public void handle(HttpExchange exchange) {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("PUT") && !method.equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET, PUT");
                ExchangeProblems.send(exchange, Problem.of(405, "method-not-allowed", "Method not allowed",
                        "use PUT to upload or GET to download, with a signed URL"));
                return;
            }
            Map<String, String> query;
            long contentLength;
            try {
                query = LocalUrlVerifier.parseQuery(exchange.getRequestURI().getRawQuery());
                contentLength = contentLength(exchange);
            } catch (IllegalArgumentException e) {
                ExchangeProblems.send(exchange, Problem.of(400, "bad-request", "Malformed request", e.getMessage()));
                return;
            }
            UrlVerification verification = verifier.verify(method, exchange.getRequestURI().getRawPath(), query,
                    exchange.getRequestHeaders().getFirst("Content-Type"), contentLength);
            switch (verification) {
                case Rejected rejected -> ExchangeProblems.send(exchange, problemFor(rejected));
                case Granted granted when granted.method().equals("PUT") -> put(exchange, granted);
                case Granted granted -> get(exchange, granted);
            }
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "%s %s failed", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath());
            if (exchange.getResponseCode() < 0) {
                ExchangeProblems.trySend(exchange, Problem.of(500, "internal", "Internal error", "the request could not be served"));
            }
        }
    }

    /**
     * An upload URL works once: a second PUT to the same key (a replay, or a client retrying a
     * finished upload) is refused with 412, as GCS refuses it through the signed
     * {@code x-goog-if-generation-match: 0} header; a deleted post's keys hold tombstones, so a PUT
     * after the deletion is refused the same way. Uploads of one key are serialised here, so two at
     * once cannot both pass the check.
     */
    private void put(HttpExchange exchange, Granted granted) throws IOException {
        BlobInfo stored;
        synchronized (uploadLock(granted.key())) {
            if (store.head(granted.key()).isPresent()) {
                ExchangeProblems.send(exchange, Problem.of(412, "already-uploaded", "Already uploaded",
                        "this upload URL was used already; an upload URL works once"));
                return;
            }
            try (InputStream body = new MaxBytesInputStream(exchange.getRequestBody(), granted.maxBytes())) {
                stored = store.put(granted.key(), body, granted.contentType());
            } catch (BodyTooLargeException e) {
                ExchangeProblems.send(exchange, Problem.of(413, "too-large", "Body too large", e.getMessage()));
                return;
            } catch (PrefixConflictException e) {
                ExchangeProblems.send(exchange, Problem.of(409, "key-conflict", "Key conflicts with another object", e.getMessage()));
                return;
            } catch (FinalizeNotPublishedException e) {
                // Unannounced, the upload would never be processed: take it back so the retry the
                // answer asks for finds the key free.
                LOG.warn(e.getMessage(), e.getCause());
                store.delete(granted.key());
                ExchangeProblems.send(exchange, Problem.of(503, "event-not-published", "Not stored",
                        "the upload could not be announced and was not kept; retry the upload"));
                return;
            }
        }
        exchange.getResponseHeaders().set(GENERATION_HEADER, stored.generation());
        exchange.sendResponseHeaders(200, -1);
    }

    private Object uploadLock(BlobKey key) {
        return uploadLocks[Math.floorMod(key.value().hashCode(), uploadLocks.length)];
    }

    private void get(HttpExchange exchange, Granted granted) throws IOException {
        BlobStream blob;
        try {
            blob = store.get(granted.key());
        } catch (NoSuchBlobException e) {
            ExchangeProblems.send(exchange, Problem.of(404, "not-found", "No such object", "no object " + granted.key()));
            return;
        }
        try (blob) {
            BlobInfo info = blob.info();
            exchange.getResponseHeaders().set("Content-Type", info.contentType());
            exchange.getResponseHeaders().set(GENERATION_HEADER, info.generation());
            // -1 means "no body" to this server, 0 would mean "chunked".
            exchange.sendResponseHeaders(200, info.size() == 0 ? -1 : info.size());
            try (OutputStream out = exchange.getResponseBody()) {
                blob.transferTo(out);
            }
        }
    }

    private static long contentLength(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Content-Length");
        if (header == null) {
            return -1;
        }
        try {
            long length = Long.parseLong(header.strip());
            if (length < 0) {
                throw new NumberFormatException();
            }
            return length;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed Content-Length");
        }
    }

    private static Problem problemFor(Rejected rejected) {
        return switch (rejected.reason()) {
            case BAD_KEY -> Problem.of(400, "bad-key", "Invalid object key", rejected.detail());
            case BAD_SIGNATURE -> Problem.of(403, "bad-signature", "Signature does not match", rejected.detail());
            case EXPIRED -> Problem.of(403, "signature-expired", "Signed URL expired", rejected.detail());
            case WRONG_METHOD -> Problem.of(403, "wrong-method", "Method not signed", rejected.detail());
            case CONTENT_TYPE_MISMATCH -> Problem.of(415, "content-type-mismatch", "Content-Type not signed",
                    rejected.detail());
            case TOO_LARGE -> Problem.of(413, "too-large", "Body too large", rejected.detail());
        };
    }
}
