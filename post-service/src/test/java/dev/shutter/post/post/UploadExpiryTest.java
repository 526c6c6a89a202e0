package dev.shutter.post.post;

import dev.shutter.contracts.media.ObjectKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.shutter.contracts.events.v1.PostPublished;
import dev.shutter.post.Api;
import dev.shutter.post.Api.TestUser;
import dev.shutter.post.post.PostFixtures.Created;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Uploads never completed: the cleanup is run directly with a cutoff of "now" instead of 24
 * hours ago, which is exactly what the scheduled run does with the configured deadline.
 */
@QuarkusTest
class UploadExpiryTest {

    @Inject
    PostFixtures fixtures;

    @Inject
    UploadExpiry expiry;

    @Test
    void overduePostsFailAndLoseTheirRawUploadsNewerOnesStay() throws Throwable {
        TestUser user = Api.newUser("expiry");
        Created overdue = fixtures.create(user, "half uploaded", "image/jpeg", "video/mp4");
        assertThat(fixtures.upload(overdue.uploads().get(0), new byte[1024])).isEqualTo(200);
        Created finished = fixtures.ready(user, "finished in time");
        Instant cutoff = Instant.now();
        Thread.sleep(5);
        Created fresh = fixtures.create(user, "just created", "image/jpeg");

        int expired = VertxContextSupport.subscribeAndAwait(() -> expiry.expireCreatedBefore(cutoff));

        assertThat(expired).isGreaterThanOrEqualTo(1);
        user.request().get("/v1/posts/" + overdue.postId()).then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("failureReason", equalTo("upload not completed within 24 hours"))
                .body("media[0].status", equalTo("failed"))
                .body("media[1].status", equalTo("failed"));
        assertThat(fixtures.rawObjectExists(ObjectKeys.upload(PostFixtures.item(overdue.id(), overdue.mediaId(0))))).isFalse();
        user.request().get("/v1/posts/" + finished.postId()).then().body("status", equalTo("ready"));
        user.request().get("/v1/posts/" + fresh.postId()).then().body("status", equalTo("processing"));

        // A second run finds nothing more of these, and a verdict arriving after the deadline changes nothing.
        VertxContextSupport.subscribeAndAwait(() -> expiry.expireCreatedBefore(cutoff));
        fixtures.awaitHandled("media.processed", 2, () -> {
            fixtures.processed(PostFixtures.processedImage(overdue.id(), overdue.mediaId(0)));
            fixtures.processed(PostFixtures.processedVideo(overdue.id(), overdue.mediaId(1)));
        });
        user.request().get("/v1/posts/" + overdue.postId()).then().body("status", equalTo("failed"));
        fixtures.drain("post.published");
        assertThat(fixtures.received("post.published", PostPublished.parser(), e -> e.getPostId() == overdue.id())).isEmpty();
        user.request().get("/v1/me").then().body("postCount", equalTo(1));
    }
}
