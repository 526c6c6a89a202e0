package dev.shutter.blobs.local;

import com.sun.net.httpserver.HttpServer;
import dev.shutter.blobs.BlobStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * A minimal HTTP endpoint for one local bucket's signed URLs, so that clients can upload and
 * download as they will against GCS: {@link SignedBlobEndpoint} on its own JDK {@code HttpServer}
 * (one virtual thread per request, so the blocking store calls are fine). The local stack's
 * gateway mounts the same endpoint next to its other routes instead.
 */
public final class LocalBlobHttpServer implements AutoCloseable {

    public static final String GENERATION_HEADER = SignedBlobEndpoint.GENERATION_HEADER;
    private static final Logger LOG = Logger.getLogger(LocalBlobHttpServer.class);

    private final HttpServer server;
    private final ExecutorService executor;

    private LocalBlobHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts serving {@code store} on {@code address} (port 0 picks a free port; see {@link
     * #address()}). Serve the store whose bucket and signing key the verifier was made with.
     */
    public static LocalBlobHttpServer start(InetSocketAddress address, BlobStore store, LocalUrlVerifier verifier)
            throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", new SignedBlobEndpoint(store, verifier));
        server.start();
        LOG.infof("Blob endpoint for bucket %s listening on %s", store.bucket(), server.getAddress());
        return new LocalBlobHttpServer(server, executor);
    }

    /** The address it listens on, with the actual port. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
