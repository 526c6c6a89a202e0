package dev.shutter.post.post;

import dev.shutter.contracts.events.EventType;
import dev.shutter.contracts.events.EventTypes;
import dev.shutter.contracts.media.MediaRef;
import dev.shutter.contracts.media.ObjectKeys;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import dev.shutter.blobs.BlobKey;
import dev.shutter.blobs.BlobStore;
import dev.shutter.blobs.local.LocalBlobHttpServer;
import dev.shutter.blobs.local.LocalBlobStoreConfig;
import dev.shutter.blobs.local.LocalUrlVerifier;
import dev.shutter.contracts.events.v1.MediaFailed;
import dev.shutter.contracts.events.v1.MediaProcessed;
import dev.shutter.events.Envelope;
import dev.shutter.events.Subscription;
import dev.shutter.events.SubscriptionSpec;
import dev.shutter.events.redis.RedisStreamEventBus;
import dev.shutter.post.Api.TestUser;
import dev.shutter.wiring.RawBucketConfig;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.restassured.path.json.JsonPath;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the posts tests share, as a bean of the test application: the raw bucket's HTTP endpoint
 * (the real local one), a Redis Streams bus of its own standing in for the media worker and for
 * the consumers of post events, and direct SQL for rows other features own (follows, saves).
 */
@ApplicationScoped
public class PostFixtures {

    private static final String MARKER = "test.marker";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A created post as the client sees it. */
    public record Created(String postId, List<String> mediaIds, List<Map<String, Object>> uploads) {

        public long id() {
            return Long.parseLong(postId);
        }

        public long mediaId(int i) {
            return Long.parseLong(mediaIds.get(i));
        }
    }

    private final BlobStore rawStore;
    private final RawBucketConfig blobs;
    private final AgroalDataSource database;
    private final String redisUri;
    private final Map<String, Queue<Envelope>> received = new ConcurrentHashMap<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private LocalBlobHttpServer blobEndpoint;
    private RedisStreamEventBus bus;

    PostFixtures(BlobStore rawStore, RawBucketConfig blobs, AgroalDataSource database,
            @ConfigProperty(name = "quarkus.redis.hosts") String redisUri) {
        this.rawStore = rawStore;
        this.blobs = blobs;
        this.database = database;
        this.redisUri = redisUri;
    }

    public BlobStore rawStore() {
        return rawStore;
    }

    /** Serves the raw bucket's signed URLs where RawBucketTestResource pointed them. */
    public synchronized LocalBlobHttpServer blobEndpoint() {
        if (blobEndpoint == null) {
            URI base = blobs.local().publicBaseUrl();
            LocalBlobStoreConfig config = LocalBlobStoreConfig.of(blobs.local().root(), blobs.bucket(), base,
                    LocalBlobStoreConfig.signingKeyFromHex(blobs.local().signingKey().orElseThrow()));
            try {
                blobEndpoint = LocalBlobHttpServer.start(new InetSocketAddress(base.getHost(), base.getPort()), rawStore,
                        new LocalUrlVerifier(config));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return blobEndpoint;
    }

    /** PUTs the bytes to an upload of a create answer as a client would: its URL, exactly its headers. */
    @SuppressWarnings("unchecked")
    public int upload(Map<String, Object> upload, byte[] content) {
        return put((String) upload.get("url"), (Map<String, String>) upload.get("headers"), content);
    }

    public int put(String url, Map<String, String> headers, byte[] content) {
        blobEndpoint();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(content));
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether the raw bucket holds an original at the key (a deleted post's keys hold tombstones instead). */
    public boolean rawObjectExists(String key) {
        try {
            return rawStore.head(BlobKey.of(key)).filter(blob -> !ObjectKeys.TOMBSTONE_CONTENT_TYPE.equals(blob.contentType()))
                    .isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized RedisStreamEventBus bus() {
        if (bus == null) {
            bus = RedisStreamEventBus.create(redisUri);
        }
        return bus;
    }

    /** Records every event of the topic from the start of the stream, through a subscription of its own. */
    public synchronized void listen(String topic) {
        if (received.containsKey(topic)) {
            return;
        }
        Queue<Envelope> events = new ConcurrentLinkedQueue<>();
        received.put(topic, events);
        subscriptions.add(bus().subscribe(SubscriptionSpec.of(topic, "posts-test-" + UUID.randomUUID()),
                delivery -> {
                    events.add(delivery.envelope());
                    return io.smallrye.mutiny.Uni.createFrom().voidItem();
                }));
    }

    /** Payloads of the topic's events received so far that match. */
    public <T> List<T> received(String topic, Parser<T> parser, Predicate<T> filter) {
        return received.getOrDefault(topic, new ConcurrentLinkedQueue<>()).stream()
                .filter(envelope -> envelope.type().equals(topic))
                .map(envelope -> {
                    try {
                        return parser.parseFrom(envelope.payload());
                    } catch (InvalidProtocolBufferException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .filter(filter)
                .toList();
    }

    /**
     * Returns once every event published to the topic so far has been received: a marker goes in
     * behind them, and a stream delivers in order.
     */
    public void drain(String topic) {
        listen(topic);
        String marker = UUID.randomUUID().toString();
        bus().publish(topic, new Envelope(marker, MARKER, Instant.now(), marker, new byte[0]))
                .await().atMost(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(20)).until(() -> received.get(topic).stream()
                .anyMatch(envelope -> envelope.eventId().equals(marker)));
    }

    /**
     * Runs {@code publish} and returns once post-service's subscription to the topic has
     * acknowledged {@code count} more messages (its handlers finished, their transactions committed).
     */
    public void awaitHandled(String topic, int count, Runnable publish) {
        awaitHandled(topic, "post-service", count, publish);
    }

    /** As above, for the named subscription of post-service. */
    public void awaitHandled(String topic, String subscription, int count, Runnable publish) {
        double before = acked(topic, subscription);
        publish.run();
        await().atMost(Duration.ofSeconds(20)).until(() -> acked(topic, subscription) >= before + count);
    }

    private static double acked(String topic, String subscription) {
        return Metrics.globalRegistry.find("shutter.events.acked").tag("topic", topic).tag("subscription", subscription)
                .counters().stream().mapToDouble(Counter::count).sum();
    }

    /**
     * Waits until the outbox has relayed the events of this key, then until they arrived here: after
     * it, {@link #received} holds every event about the entity written so far.
     */
    public void awaitRelayed(String topic, String key) {
        awaitOutboxRelayed(topic, key);
        drain(topic);
    }

    /** Waits until the outbox holds no event of this key any more (they are on the bus). */
    public void awaitOutboxRelayed(String topic, String key) {
        await().atMost(Duration.ofSeconds(20)).until(() -> "0".equals(
                queryString("SELECT count(*) FROM outbox WHERE topic = ? AND event_key = ?", topic, key)));
    }

    public <T extends MessageLite> void publish(EventType<T> type, String key, T payload) {
        bus().publish(type, key, payload).await().atMost(Duration.ofSeconds(10));
    }

    /** The items of the posts {@link #create} made, by media ID, as their upload keys name them. */
    private static final Map<Long, MediaRef> ITEMS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The media item as the worker derives it from its upload key (a made-up one for IDs no post has). */
    public static MediaRef item(long postId, long mediaId) {
        return ITEMS.getOrDefault(mediaId, new MediaRef(1, postId, mediaId, "unknownunknownunknown0"));
    }

    /** What the media worker announces for a processed image. */
    public static MediaProcessed processedImage(long postId, long mediaId) {
        String base = ObjectKeys.processedPrefix(item(postId, mediaId));
        return MediaProcessed.newBuilder()
                .setPostId(postId).setMediaId(mediaId).setType("image")
                .putVariants("thumb", base + "thumb.webp")
                .putVariants("medium", base + "medium.webp")
                .putVariants("hq", base + "hq.webp")
                .putVariants("hq.jpeg", base + "hq.jpeg")
                .setWidth(1080).setHeight(1350).setBlurhash("LEHV6nWB2yk8pyo0adR*.7kCMdnj")
                .setMeanColour(dev.shutter.contracts.events.v1.MediaProcessed.MeanColour.newBuilder().setRed(0.25f).setGreen(0.5f).setBlue(0.75f))
                .build();
    }

    public static MediaProcessed processedVideo(long postId, long mediaId) {
        String base = ObjectKeys.processedPrefix(item(postId, mediaId));
        return MediaProcessed.newBuilder()
                .setPostId(postId).setMediaId(mediaId).setType("video")
                .setHlsKey(base + "master.m3u8").setPosterKey(base + "poster.webp")
                .setWidth(1080).setHeight(1920).setDurationMs(15_000)
                .build();
    }

    public void processed(MediaProcessed event) {
        publish(EventTypes.MEDIA_PROCESSED, Long.toString(event.getPostId()), event);
    }

    public void failed(long postId, long mediaId, String reason) {
        publish(EventTypes.MEDIA_FAILED, Long.toString(postId),
                MediaFailed.newBuilder().setPostId(postId).setMediaId(mediaId).setReason(reason).build());
    }

    /** Creates a post of one item per MIME type (1 KB each) through the API. */
    public Created create(TestUser user, String caption, String... mimeTypes) {
        List<Map<String, Object>> media = Arrays.stream(mimeTypes)
                .map(type -> Map.<String, Object>of("mimeType", type, "sizeBytes", 1024))
                .toList();
        JsonPath body = user.request().body(Map.of("caption", caption, "media", media)).post("/v1/posts")
                .then().statusCode(201)
                .extract().jsonPath();
        for (String url : body.getList("uploads.url", String.class)) {
            String path = URI.create(url).getPath();
            ObjectKeys.parseUpload(path.substring(path.indexOf("uploads/"))).ifPresent(item -> ITEMS.put(item.mediaId(), item));
        }
        return new Created(body.getString("postId"), body.getList("uploads.mediaId", String.class),
                body.getList("uploads"));
    }

    /** A post whose every item the (simulated) worker processed as an image; returns once it is ready. */
    public Created ready(TestUser user, String caption) {
        Created post = create(user, caption, "image/jpeg");
        processed(processedImage(post.id(), post.mediaId(0)));
        awaitStatus(user, post.postId(), "ready");
        return post;
    }

    /** Several ready posts, processed together: faster than one {@link #ready} after another. */
    public List<Created> readyPosts(TestUser author, int count) {
        List<Created> posts = java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> create(author, "post " + i, "image/jpeg"))
                .toList();
        posts.forEach(post -> processed(processedImage(post.id(), post.mediaId(0))));
        posts.forEach(post -> awaitStatus(author, post.postId(), "ready"));
        return posts;
    }

    public void awaitStatus(TestUser author, String postId, String status) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> status.equals(
                author.request().get("/v1/posts/" + postId).then().extract().path("status")));
    }

    public void follow(String followerId, String followeeId) {
        update("INSERT INTO follows (follower_id, followee_id, state, created_at) VALUES (?, ?, 'following', now())",
                Long.parseLong(followerId), Long.parseLong(followeeId));
    }

    public void requestFollow(String followerId, String followeeId) {
        update("INSERT INTO follows (follower_id, followee_id, state, created_at) VALUES (?, ?, 'requested', now())",
                Long.parseLong(followerId), Long.parseLong(followeeId));
    }

    public void save(String userId, String postId, Instant at) {
        update("INSERT INTO saves (user_id, post_id, created_at) VALUES (?, ?, ?)",
                Long.parseLong(userId), Long.parseLong(postId), Timestamp.from(at));
    }

    public int update(String sql, Object... parameters) {
        try (Connection connection = database.getConnection(); PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public String queryString(String sql, Object... parameters) {
        try (Connection connection = database.getConnection(); PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    @PreDestroy
    synchronized void close() {
        subscriptions.forEach(Subscription::close);
        if (bus != null) {
            bus.close();
        }
        if (blobEndpoint != null) {
            blobEndpoint.close();
        }
    }
}
