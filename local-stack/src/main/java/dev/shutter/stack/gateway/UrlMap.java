package dev.shutter.stack.gateway;

import static dev.shutter.stack.services.ServiceCatalog.EXPLORE_SERVICE;
import static dev.shutter.stack.services.ServiceCatalog.FEED_SERVICE;
import static dev.shutter.stack.services.ServiceCatalog.MEDIA_BUCKET;
import static dev.shutter.stack.services.ServiceCatalog.POST_SERVICE;
import static dev.shutter.stack.services.ServiceCatalog.RAW_BUCKET;

import java.util.List;

/**
 * The routes of Shutter's load balancer, which the gateway mirrors: the public API by path
 * prefix to its service (API.md says which service serves which part), the buckets' signed URLs
 * of uploads to the storage endpoint, media to the media gate.
 */
public final class UrlMap {

    /** Backend name of a bucket's signed-URL endpoint (GCS' XML API, locally the blob store). */
    public static String signedBucket(String bucket) {
        return "bucket:" + bucket;
    }

    /**
     * Backend name of the media gate over a bucket (Cloud CDN in front of it on Google Cloud):
     * public accounts' media unsigned, private ones with a grant.
     */
    public static String mediaGate(String bucket) {
        return "media-gate:" + bucket;
    }

    public static final String BLOBS_PATH = "/blobs";
    public static final String MEDIA_PATH = "/media";

    private UrlMap() {}

    public static RouteTable standard() {
        return new RouteTable(List.of(
                new Route("/v1/feed", FEED_SERVICE),
                new Route("/v1/explore", EXPLORE_SERVICE),
                new Route("/v1/", POST_SERVICE),
                new Route("/.well-known/", POST_SERVICE),
                new Route(BLOBS_PATH + "/" + RAW_BUCKET + "/", signedBucket(RAW_BUCKET)),
                new Route(MEDIA_PATH + "/", mediaGate(MEDIA_BUCKET))));
    }
}
