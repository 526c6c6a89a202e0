package dev.shutter.stack.gateway;

import com.sun.net.httpserver.HttpHandler;
import dev.shutter.blobs.BlobEvents;
import dev.shutter.blobs.local.LocalBlobStore;
import dev.shutter.blobs.media.MediaGate;
import dev.shutter.blobs.media.MediaUrlSigner;
import dev.shutter.blobs.local.LocalBlobStoreConfig;
import dev.shutter.blobs.local.LocalUrlVerifier;
import dev.shutter.blobs.local.SignedBlobEndpoint;
import dev.shutter.blobs.local.SigningKeyFile;
import dev.shutter.events.EventPublisher;
import dev.shutter.stack.StackEnvironment;
import dev.shutter.stack.services.ServiceCatalog;
import dev.shutter.stack.services.ServiceSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway as the stack runs it: {@link UrlMap#standard()} over a proxy per running service and
 * the raw bucket's uploads and the media gate over the media bucket. The raw bucket is opened here with the events publisher, so an upload
 * PUT through the gateway announces itself on {@code media.uploaded} exactly as the services'
 * own {@code LocalBlobStore} writes do (and as GCS' finalize notification does).
 */
public final class StackGateway {

    private StackGateway() {}

    public static Gateway start(StackEnvironment env, Collection<ServiceSpec> running, EventPublisher publisher,
            List<String> corsOrigins) throws IOException {
        Map<String, HttpHandler> backends = new HashMap<>();
        HttpClient client = ReverseProxy.newClient();
        for (ServiceSpec service : running) {
            backends.put(service.name(), new ReverseProxy(service.name(),
                    URI.create("http://127.0.0.1:" + service.port()), client));
        }
        LocalBlobStoreConfig raw = bucketConfig(env, env.data().rawBucket(), ServiceCatalog.RAW_BUCKET);
        LocalBlobStoreConfig media = bucketConfig(env, env.data().mediaBucket(), ServiceCatalog.MEDIA_BUCKET)
                // Only the media worker writes it; if anything ever wrote through here, GCS would not notify either.
                .withFinalizeTopic(BlobEvents.UNWATCHED_FINALIZE_TOPIC);
        LocalBlobStore rawStore = LocalBlobStore.open(raw, publisher);
        LocalBlobStore mediaStore = LocalBlobStore.open(media, publisher);
        backends.put(UrlMap.signedBucket(raw.bucket()), new SignedBlobEndpoint(rawStore, new LocalUrlVerifier(raw)));
        RedisPublicAccounts publicAccounts = new RedisPublicAccounts(env.redisUri());
        // Media URLs are signed by post-service with the media bucket's key (its key file, shared here).
        MediaUrlSigner mediaUrls = new MediaUrlSigner(media.signingKey(), env.mediaBaseUrl());
        backends.put(UrlMap.mediaGate(media.bucket()), new MediaGate(mediaStore, mediaUrls, publicAccounts, UrlMap.MEDIA_PATH + "/"));
        return Gateway.start(new InetSocketAddress("127.0.0.1", env.ports().gateway()), UrlMap.standard(), backends,
                new CorsPolicy(corsOrigins), publicAccounts);
    }

    /** The bucket as post-service signs its URLs: same directory, same key file, same public base. */
    static LocalBlobStoreConfig bucketConfig(StackEnvironment env, Path root, String bucket) throws IOException {
        return LocalBlobStoreConfig.of(root, bucket, env.blobsBaseUrl(), SigningKeyFile.loadOrCreate(root));
    }
}
