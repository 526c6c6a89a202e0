package dev.shutter.post.post;

import dev.shutter.blobs.BlobStore;
import dev.shutter.blobs.UrlSigner;
import dev.shutter.events.EventPublisher;
import dev.shutter.wiring.Bucket;
import dev.shutter.wiring.RawBucketConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The raw-uploads bucket and its URL signer, on the backend the configuration names. */
@Singleton
public class RawBucket {

    private final Bucket raw;

    RawBucket(RawBucketConfig config, EventPublisher publisher) {
        raw = Bucket.open(config, publisher);
    }

    @Produces
    BlobStore store() {
        return raw.store();
    }

    @Produces
    UrlSigner signer() {
        return raw.signer();
    }
}
