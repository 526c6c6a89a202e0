package dev.shutter.post.post;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shutter.post.Api;
import dev.shutter.post.Api.TestUser;
import dev.shutter.post.post.PostFixtures.Created;
import dev.shutter.rest.post.PostView;
import dev.shutter.post.post.view.PostViews;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/** The hydrator asks the database the same few questions for three posts as for thirteen. */
@QuarkusTest
class PostViewsQueryCountTest {

    @Inject
    PostFixtures fixtures;

    @Inject
    PostViews views;

    @Inject
    Mutiny.SessionFactory sessions;

    @Test
    void queriesDoNotGrowWithThePosts() throws Throwable {
        TestUser viewer = Api.newUser("hydrator");
        TestUser open = Api.newUser("hydopen");
        TestUser closed = Api.newUser("hydclosed");
        TestUser stranger = Api.newUser("hydstranger");
        closed.request().body(Map.of("isPrivate", true)).patch("/v1/me").then().statusCode(200);
        fixtures.follow(viewer.userId(), closed.userId());
        List<Long> ids = new ArrayList<>();
        for (TestUser author : List.of(open, closed, stranger)) {
            fixtures.readyPosts(author, 4).forEach(post -> ids.add(post.id()));
        }
        Created invisible = fixtures.create(stranger, "processing", "image/jpeg");
        ids.add(invisible.id());
        fixtures.save(viewer.userId(), Long.toString(ids.get(5)), Instant.now());
        fixtures.update("INSERT INTO likes (user_id, post_id, created_at) VALUES (?, ?, now())", Long.parseLong(viewer.userId()), ids.get(0));
        long viewerId = Long.parseLong(viewer.userId());

        // One post of each author, so that both hydrations need every kind of query.
        AtomicInteger forFew = new AtomicInteger();
        List<PostView> few = hydrate(viewerId, List.of(ids.get(0), ids.get(4), ids.get(8)), forFew);
        AtomicInteger forAll = new AtomicInteger();
        List<PostView> all = hydrate(viewerId, ids.reversed(), forAll);

        assertThat(few).hasSize(3);
        assertThat(all).extracting(PostView::postId).containsExactlyElementsOf(ids.subList(0, 12).reversed());
        assertThat(all.getLast().likedByMe()).isTrue();
        assertThat(all.get(6).savedByMe()).isTrue();
        // Posts with authors, follows of private authors, media, counters, likes and saves.
        assertThat(forAll.get()).isEqualTo(forFew.get()).isEqualTo(5);
    }

    private List<PostView> hydrate(long viewerId, List<Long> ids, AtomicInteger queries) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> sessions.withSession(
                session -> views.hydrate(counting(session, queries), viewerId, ids)));
    }

    /** The session, counting the queries created through it. */
    private static Mutiny.Session counting(Mutiny.Session session, AtomicInteger queries) {
        return (Mutiny.Session) Proxy.newProxyInstance(Mutiny.Session.class.getClassLoader(), new Class<?>[] {Mutiny.Session.class},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("create") && method.getName().endsWith("Query")) {
                        queries.incrementAndGet();
                    }
                    try {
                        return method.invoke(session, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
