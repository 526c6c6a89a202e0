package dev.shutter.post.post;

import dev.shutter.blobs.BlobKey;
import dev.shutter.blobs.SignedUrl;
import dev.shutter.blobs.UrlSigner;
import dev.shutter.wiring.RawBucketConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The signed URL a client PUTs one original to: that media item's raw key only, its declared
 * content type, at most its declared size, for {@code shutter.raw.upload-ttl}. Signing is local
 * computation (an HMAC locally, an RSA signature with a service-account key on GCS).
 */
@ApplicationScoped
public class UploadUrls {

    private final UrlSigner rawSigner;
    private final RawBucketConfig raw;

    UploadUrls(UrlSigner rawSigner, RawBucketConfig raw) {
        this.rawSigner = rawSigner;
        this.raw = raw;
    }

    public CreatedPost.Upload of(MediaItem item) {
        return of(item.mediaId, item.objectKey, item.mimeType, item.sizeBytes);
    }

    /** The upload of one media item (a post's or a story's) to its raw key. */
    public CreatedPost.Upload of(long mediaId, String objectKey, String mimeType, long sizeBytes) {
        // The declared size is the most the URL accepts: nobody uploads more than they announced.
        SignedUrl url = rawSigner.signPut(BlobKey.of(objectKey), mimeType, sizeBytes, raw.uploadTtl());
        return new CreatedPost.Upload(mediaId, url.method(), url.url().toString(), url.headers(), url.expiresAt());
    }
}
