package dev.shutter.post.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shutter.contracts.events.v1.UserErased;
import dev.shutter.events.EventRouter;
import dev.shutter.events.Subscription;
import dev.shutter.events.SubscriptionSpec;
import dev.shutter.events.redis.RedisStreamEventBus;
import dev.shutter.post.Api;
import dev.shutter.post.Api.TestUser;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Nothing is lost between the database and the events: a failing broker only delays them. */
@QuarkusTest
class OutboxRelayTest {

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisUri;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void eventWaitsInTheOutboxWhilePublishingFailsAndArrivesOnceItWorks() throws Exception {
        TestUser user = Api.newUser("outbox");
        String stream = "events:{user.erased}";
        List<Long> erased = new CopyOnWriteArrayList<>();
        try (RedisStreamEventBus bus = RedisStreamEventBus.create(redisUri)) {
            // A key of the wrong type makes every XADD to the topic fail, as a broken broker would.
            redis.execute("DEL", stream);
            redis.execute("SET", stream, "not a stream");

            user.request().delete("/v1/me").then().statusCode(202);

            await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> outboxRows(user.userId()) == 1);

            redis.execute("DEL", stream);
            Subscription subscription = bus.subscribe(SubscriptionSpec.of("user.erased", "outbox-test-" + user.userId()),
                    EventRouter.builder().on("user.erased", UserErased.parser(), event -> {
                        erased.add(event.payload().getUserId());
                        return Uni.createFrom().voidItem();
                    }).build());
            await().atMost(Duration.ofSeconds(30)).until(() -> erased.contains(Long.parseLong(user.userId())));
            subscription.close();
        }
        assertThat(outboxRows(user.userId())).isZero();
        assertThat(erased).containsOnlyOnce(Long.parseLong(user.userId()));
    }

    private long outboxRows(String key) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM outbox WHERE event_type = 'user.erased' AND event_key = ?")) {
            s.setString(1, key);
            ResultSet rows = s.executeQuery();
            rows.next();
            return rows.getLong(1);
        }
    }

}
