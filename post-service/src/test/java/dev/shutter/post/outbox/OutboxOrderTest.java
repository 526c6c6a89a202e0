package dev.shutter.post.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shutter.events.Delivery;
import dev.shutter.events.Envelope;
import dev.shutter.events.Subscription;
import dev.shutter.events.SubscriptionSpec;
import dev.shutter.events.redis.RedisStreamEventBus;
import dev.shutter.post.reactive.IsolatedContext;
import dev.shutter.serviceauth.ServiceCredentials;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/**
 * The relay's contract beyond "nothing is lost": per-key commit order, a failing event set aside
 * without holding up other keys, dead letters and their replay, and one relay per part.
 */
@QuarkusTest
class OutboxOrderTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicLong IDS = new AtomicLong(System.nanoTime());

    @Inject
    Outbox outbox;

    @Inject
    Mutiny.SessionFactory sessions;

    @Inject
    Vertx vertx;

    @Inject
    RedisDataSource redis;

    @Inject
    ServiceCredentials credentials;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisUri;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void aTransactionThatCommitsLaterIsNotOvertakenByALaterOneOfTheSameKey() throws Exception {
        String topic = topic();
        String key = "k-" + UUID.randomUUID();
        List<String> received = new CopyOnWriteArrayList<>();
        try (RedisStreamEventBus bus = RedisStreamEventBus.create(redisUri);
                Subscription subscription = subscribe(bus, topic, received);
                Connection first = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                Connection second = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
            first.setAutoCommit(false);
            insert(first, topic, key, "first");   // starts first (the lower transaction ID) ...
            insert(second, topic, key, "second"); // ... the other one commits first (autocommit)

            await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
            assertThat(received).as("nothing may overtake a transaction still open").isEmpty();

            first.commit();
            await().atMost(WAIT).until(() -> received.size() == 2);
            assertThat(received).containsExactly("first", "second");
        }
    }

    @Test
    void aFailingEventHoldsUpOnlyItsOwnKeyThenIsDeadLetteredAndReplayed() throws Exception {
        String broken = topic();
        String healthy = topic();
        String stuckKey = "stuck-" + UUID.randomUUID();
        List<String> received = new CopyOnWriteArrayList<>();
        String brokenStream = "events:{" + broken + "}";
        try (RedisStreamEventBus bus = RedisStreamEventBus.create(redisUri);
                Subscription onHealthy = subscribe(bus, healthy, received)) {
            // A key of the wrong type makes every XADD to the topic fail, as a broken topic would.
            redis.execute("SET", brokenStream, "not a stream");
            add(broken, stuckKey, "poisoned");
            add(healthy, stuckKey, "behind the poisoned one");
            for (int i = 0; i < 20; i++) {
                add(healthy, "other-" + i + "-" + UUID.randomUUID(), "other " + i);
            }

            await().atMost(WAIT).until(() -> received.size() == 20);
            assertThat(received).doesNotContain("behind the poisoned one");
            assertThat(attempts(stuckKey)).isPositive();

            // The last attempt: it goes to the dead letters, and its key moves on.
            execute("UPDATE outbox SET attempts = 19, next_attempt_at = now() WHERE event_key = '" + stuckKey + "' AND topic = '" + broken + "'");
            await().atMost(WAIT).until(() -> received.contains("behind the poisoned one"));
            assertThat(count("SELECT count(*) FROM outbox_dead WHERE event_key = '" + stuckKey + "'")).isEqualTo(1);
            given().get("/internal/outbox/dead-letters").then().statusCode(401).contentType("application/problem+json");
            assertThat(given().header("Authorization", "Bearer " + credentials.token()).get("/internal/outbox/dead-letters")
                    .then().statusCode(200).extract().jsonPath().getLong("deadLetters")).isPositive();

            // Fixed: replayed once, it arrives with its event ID.
            redis.execute("DEL", brokenStream);
            List<String> fromBroken = new CopyOnWriteArrayList<>();
            try (Subscription onBroken = subscribe(bus, broken, fromBroken)) {
                given().header("Authorization", "Bearer " + credentials.token()).post("/internal/outbox/dead-letters/replay")
                        .then().statusCode(200);
                await().atMost(WAIT).until(() -> fromBroken.contains("poisoned"));
            }
            assertThat(count("SELECT count(*) FROM outbox_dead WHERE event_key = '" + stuckKey + "'")).isZero();
        } finally {
            redis.execute("DEL", brokenStream);
        }
    }

    @Test
    void aPartLeasedByAnotherLiveRelayIsNotPublishedHereUntilItsLeaseRunsOut() throws Exception {
        String topic = topic();
        String key = "leased-" + UUID.randomUUID();
        short part = Outbox.part(key);
        List<String> received = new CopyOnWriteArrayList<>();
        try (RedisStreamEventBus bus = RedisStreamEventBus.create(redisUri);
                Subscription subscription = subscribe(bus, topic, received)) {
            execute("INSERT INTO outbox_relays (owner, alive_until) VALUES ('other-relay', now() + interval '1 hour')");
            execute("UPDATE outbox_leases SET owner = 'other-relay', lease_until = now() + interval '1 hour' WHERE part = " + part);
            // The other relay's share: this one holds at most half of the parts within a renewal.
            await().atMost(WAIT).until(() -> count("""
                    SELECT count(*) FROM outbox_leases WHERE owner <> 'other-relay' AND lease_until > now()""") <= Outbox.PARTS / 2);
            add(topic, key, "in the other relay's part");

            await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
            assertThat(received).isEmpty();

            // The other relay dies: its lease runs out and this relay takes the part over.
            execute("DELETE FROM outbox_relays WHERE owner = 'other-relay'");
            execute("UPDATE outbox_leases SET lease_until = now() WHERE owner = 'other-relay'");
            await().atMost(WAIT).until(() -> received.contains("in the other relay's part"));
            await().atMost(WAIT).until(() -> count("SELECT count(*) FROM outbox_leases WHERE lease_until > now()") == Outbox.PARTS);
        } finally {
            execute("DELETE FROM outbox_relays WHERE owner = 'other-relay'");
            execute("UPDATE outbox_leases SET lease_until = now() WHERE owner = 'other-relay'");
        }
    }

    private static String topic() {
        return "outbox-order-" + IDS.incrementAndGet();
    }

    private Subscription subscribe(RedisStreamEventBus bus, String topic, List<String> received) {
        return bus.subscribe(SubscriptionSpec.of(topic, topic + "-test"), (Delivery d) -> {
            received.add(d.envelope().type());
            return Uni.createFrom().voidItem();
        });
    }

    /** An event through the service's own outbox (the type carries the test's label). */
    private void add(String topic, String key, String label) {
        Envelope event = new Envelope(UUID.randomUUID().toString(), label, Instant.now(), key, new byte[0]);
        IsolatedContext.run(vertx, () -> sessions.withTransaction(session -> outbox.add(session, topic, event)))
                .await().atMost(WAIT);
    }

    /** An outbox row as Outbox writes it, on a connection the test controls. */
    private static void insert(Connection connection, String topic, String key, String label) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO outbox (outbox_id, topic, event_id, event_type, event_key, occurred_at_ms, payload, part)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setLong(1, IDS.incrementAndGet());
            insert.setString(2, topic);
            insert.setString(3, UUID.randomUUID().toString());
            insert.setString(4, label);
            insert.setString(5, key);
            insert.setLong(6, System.currentTimeMillis());
            insert.setBytes(7, new byte[0]);
            insert.setShort(8, Outbox.part(key));
            insert.executeUpdate();
        }
    }

    private long attempts(String key) throws Exception {
        return count("SELECT COALESCE(max(attempts), 0) FROM outbox WHERE event_key = '" + key + "'");
    }

    private long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                ResultSet rows = c.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
            c.createStatement().execute(sql);
        }
    }

}
