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
 * to the storage endpoint, public media to the CDN's backend bucket.
 */
public final class UrlMap {

    /** Backend name of a bucket's signed-URL endpoint (GCS' XML API, locally the blob store). */
    public static String signedBucket(String bucket) {
        return "bucket:" + bucket;
    }

    /** Backend name of a bucket served publicly (Cloud CDN in front of a backend bucket). */
    public static String publicBucket(String bucket) {
        return "cdn:" + bucket;
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
                new Route(BLOBS_PATH + "/" + MEDIA_BUCKET + "/", signedBucket(MEDIA_BUCKET)),
                new Route(MEDIA_PATH + "/", publicBucket(MEDIA_BUCKET))));
    }
}
