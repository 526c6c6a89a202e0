package dev.shutter.stack.services;

import dev.shutter.stack.StackEnvironment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The services of the stack and how each is configured for it. Keys are those in each module's
 * README; everything that two processes must agree on (bucket directories, the media URLs,
 * the celebrity threshold) is set here once for all of them.
 */
public final class ServiceCatalog {

    public static final String POST_SERVICE = "post-service";
    public static final String MEDIA_WORKER = "media-worker";
    public static final String FEED_SERVICE = "feed-service";
    public static final String EXPLORE_SERVICE = "explore-service";
    public static final String RAW_BUCKET = "shutter-raw";
    public static final String MEDIA_BUCKET = "shutter-media";

    private ServiceCatalog() {}

    public static List<ServiceSpec> services(StackEnvironment env) {
        return List.of(postService(env), mediaWorker(env), feedService(env), exploreService(env));
    }

    static ServiceSpec postService(StackEnvironment env) {
        Map<String, String> config = common(env, env.ports().postService());
        config.put("quarkus.datasource.reactive.url", env.postgresReactiveUrl());
        config.put("quarkus.datasource.jdbc.url", env.postgresJdbcUrl());
        config.put("shutter.data-dir", env.data().service(POST_SERVICE).toString());
        config.put("quarkus.hibernate-search-standalone.elasticsearch.hosts", env.searchHosts());
        // The prod profile expects a mounted key; locally the first start makes one.
        config.put("shutter.jwt.generate-if-missing", "true");
        config.put("shutter.raw.bucket", RAW_BUCKET);
        config.put("shutter.raw.local.root", env.data().rawBucket().toString());
        config.put("shutter.raw.local.public-base-url", env.blobsBaseUrl().toString());
        config.put("shutter.media.bucket", MEDIA_BUCKET);
        config.put("shutter.media.local.root", env.data().mediaBucket().toString());
        config.put("shutter.media.local.public-base-url", env.blobsBaseUrl().toString());
        config.put("shutter.media.base-url", env.mediaBaseUrl().toString());
        config.put("shutter.celebrities.threshold", Integer.toString(env.celebrityThreshold()));
        // Every client of a local stack is on this machine, one address: per-address limits would
        // only stop the load generator. Per-account limits stay.
        for (String limit : new String[] {"sign-ins-per-address", "sign-ups-per-address", "refreshes-per-address"}) {
            config.put("shutter.limits." + limit, "1000000");
        }
        return new ServiceSpec(POST_SERVICE, "post-service", env.ports().postService(), 768, config);
    }

    static ServiceSpec mediaWorker(StackEnvironment env) {
        Map<String, String> config = common(env, env.ports().mediaWorker());
        config.put("shutter.data-dir", env.data().service(MEDIA_WORKER).toString());
        config.put("shutter.raw.bucket", RAW_BUCKET);
        config.put("shutter.raw.local.root", env.data().rawBucket().toString());
        config.put("shutter.media.bucket", MEDIA_BUCKET);
        config.put("shutter.media.local.root", env.data().mediaBucket().toString());
        return new ServiceSpec(MEDIA_WORKER, "media-worker", env.ports().mediaWorker(), 1024, config);
    }

    static ServiceSpec feedService(StackEnvironment env) {
        Map<String, String> config = common(env, env.ports().feedService());
        config.put("shutter.data-dir", env.data().service(FEED_SERVICE).toString());
        postServiceClient(env, config);
        config.put("shutter.celebrities.threshold", Integer.toString(env.celebrityThreshold()));
        return new ServiceSpec(FEED_SERVICE, "feed-service", env.ports().feedService(), 768, config);
    }

    static ServiceSpec exploreService(StackEnvironment env) {
        Map<String, String> config = common(env, env.ports().exploreService());
        config.put("shutter.data-dir", env.data().service(EXPLORE_SERVICE).toString());
        postServiceClient(env, config);
        // The model store ml-models publishes into (./shutter up's first release included).
        config.put("shutter.models.local.root", env.modelStore().toString());
        // jvector's SIMD search uses the Vector API; ONNX Runtime is a JNI library.
        return new ServiceSpec(EXPLORE_SERVICE, "explore-service", env.ports().exploreService(), 1024, config,
                List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"));
    }

    /** post-service as a client sees it: gRPC PostQuery on its port, and the keys its tokens are signed with. */
    private static void postServiceClient(StackEnvironment env, Map<String, String> config) {
        config.put("shutter.post-service.host", "127.0.0.1");
        config.put("shutter.post-service.port", Integer.toString(env.ports().postService()));
        config.put("quarkus.grpc.clients.post-query.host", "127.0.0.1");
        config.put("quarkus.grpc.clients.post-query.port", Integer.toString(env.ports().postService()));
        config.put("mp.jwt.verify.publickey.location",
                "http://127.0.0.1:" + env.ports().postService() + "/.well-known/jwks.json");
    }

    private static Map<String, String> common(StackEnvironment env, int port) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.http.port", Integer.toString(port));
        // Reached through the gateway (and by each other) on the loopback only.
        config.put("quarkus.http.host", "127.0.0.1");
        config.put("quarkus.redis.hosts", env.redisUri());
        config.put("quarkus.analytics.disabled", "true");
        config.put("quarkus.log.console.color", "false");
        config.put("shutter.service-auth.key-file", env.data().serviceKey().toString());
        return config;
    }
}
