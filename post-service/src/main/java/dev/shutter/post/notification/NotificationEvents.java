package dev.shutter.post.notification;

import com.google.protobuf.MessageLite;
import com.google.protobuf.Timestamp;
import dev.shutter.contracts.events.EventType;
import dev.shutter.contracts.events.EventTypes;
import dev.shutter.contracts.events.v1.Engagement;
import dev.shutter.contracts.events.v1.FollowChanged;
import dev.shutter.contracts.events.v1.PostPublished;
import dev.shutter.events.EventHandler;
import dev.shutter.events.EventRouter;
import dev.shutter.events.SubscriptionSpec;
import dev.shutter.post.reactive.IsolatedContext;
import dev.shutter.wiring.Subscriptions;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Notifications are built here from post-service's own events, never in the request that liked
 * or followed: each event is one transaction of {@link NotificationWrites}, whose statements
 * check the source rows (the like, the edge, the comment) so that a replayed or late event
 * changes nothing that no longer holds.
 */
@ApplicationScoped
public class NotificationEvents {

    static final String SUBSCRIPTION = "post-service-notifications";

    /** Handlers at once per topic: each is a short transaction, so a hot post's likes overlap. */
    static final int CONCURRENCY = 32;

    private final Subscriptions subscriptions;
    private final Mutiny.SessionFactory sessions;
    private final NotificationWrites writes;
    private final Mentions mentions;
    private final Vertx vertx;

    NotificationEvents(Subscriptions subscriptions, Mutiny.SessionFactory sessions, NotificationWrites writes, Mentions mentions,
            Vertx vertx) {
        this.subscriptions = subscriptions;
        this.sessions = sessions;
        this.writes = writes;
        this.mentions = mentions;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent startup) {
        keep(EventTypes.ENGAGEMENT, this::engagement);
        keep(EventTypes.FOLLOW_CHANGED, this::follow);
        keep(EventTypes.POST_PUBLISHED, this::published);
        keep(EventTypes.POST_DELETED, (session, deleted) -> writes.dropPost(session, deleted.getPostId()).replaceWithVoid());
    }

    private <T extends MessageLite> void keep(EventType<T> type, Handler<T> handler) {
        EventHandler<T> inTransaction = event -> IsolatedContext.run(vertx,
                () -> sessions.withTransaction(session -> handler.handle(session, event.payload())));
        subscriptions.keep(SubscriptionSpec.of(type, SUBSCRIPTION).withConcurrency(CONCURRENCY),
                EventRouter.builder().on(type, inTransaction).build());
    }

    private interface Handler<T> {
        Uni<Void> handle(Mutiny.Session session, T payload);
    }

    Uni<Void> engagement(Mutiny.Session session, Engagement event) {
        long post = event.getPostId();
        long author = event.getAuthorId();
        long user = event.getUserId();
        Instant at = instant(event.getAt());
        return switch (event.getAction()) {
            case LIKE -> writes.add(session, NotificationGroup.like(author, post, at), user, at, SourceCheck.liked(user, post))
                    .replaceWithVoid();
            case UNLIKE -> writes.removeEverywhere(session, user, author, NotificationGroup.likePrefix(post),
                    SourceCheck.notLiked(user, post)).replaceWithVoid();
            case COMMENT -> event.getCommentId() == 0 ? Uni.createFrom().voidItem() : commented(session, event, at);
            case UNCOMMENT -> writes.dropComment(session, post, event.getCommentId()).replaceWithVoid();
            default -> Uni.createFrom().voidItem();
        };
    }

    /** The post's author hears of the comment; the accounts it mentions (but the author) of the mention. */
    private Uni<Void> commented(Mutiny.Session session, Engagement event, Instant at) {
        long post = event.getPostId();
        long comment = event.getCommentId();
        SourceCheck stillThere = SourceCheck.commentExists(post, comment);
        return session.createNativeQuery("SELECT body FROM comments WHERE post_id = :post AND comment_id = :comment", String.class)
                .setParameter("post", post)
                .setParameter("comment", comment)
                .getResultList()
                .chain(bodies -> bodies.isEmpty() ? Uni.createFrom().voidItem()
                        : writes.add(session, NotificationGroup.comment(event.getAuthorId(), post, comment), event.getUserId(), at,
                                        stillThere)
                                .chain(() -> mentions.recipients(session, bodies.getFirst(), event.getAuthorId(),
                                        Set.of(event.getUserId(), event.getAuthorId())))
                                .chain(recipients -> each(recipients, recipient -> writes.add(session,
                                        NotificationGroup.mentionInComment(recipient, post, comment), event.getUserId(), at,
                                        stillThere))));
    }

    /** A caption's mentions, once the post is ready (when its followers see it too). */
    Uni<Void> published(Mutiny.Session session, PostPublished post) {
        Instant at = post.hasCreatedAt() ? instant(post.getCreatedAt()) : Instant.now();
        long author = post.getAuthorId();
        return mentions.recipients(session, post.getCaption(), author, Set.of(author))
                .chain(recipients -> each(recipients, recipient -> writes.add(session,
                        NotificationGroup.mentionInPost(recipient, post.getPostId()), author, at,
                        SourceCheck.postReady(post.getPostId()))));
    }

    /**
     * A follow of a public account joins the followee's follows of the day; a request is an item
     * of its own, replaced by {@code follow_accepted} for the follower once approved; an unfollow,
     * a withdrawn or denied request takes back whatever it had made.
     */
    Uni<Void> follow(Mutiny.Session session, FollowChanged change) {
        long follower = change.getFollowerId();
        long followee = change.getFolloweeId();
        Instant at = instant(change.getAt());
        String requestKey = NotificationGroup.followRequest(followee, follower).key();
        return switch (change.getState()) {
            case REQUESTED -> writes.add(session, NotificationGroup.followRequest(followee, follower), follower, at,
                    SourceCheck.edge(follower, followee, "requested")).replaceWithVoid();
            case FOLLOWING -> change.getApproved()
                    ? writes.drop(session, followee, requestKey, SourceCheck.edge(follower, followee, "following"))
                            .chain(() -> writes.add(session, NotificationGroup.followAccepted(follower, followee), followee, at,
                                    SourceCheck.edge(follower, followee, "following")))
                            .replaceWithVoid()
                    : writes.add(session, NotificationGroup.follow(followee, at), follower, at,
                            SourceCheck.edge(follower, followee, "following")).replaceWithVoid();
            case NONE -> {
                SourceCheck gone = SourceCheck.noEdge(follower, followee);
                yield writes.removeEverywhere(session, follower, followee, NotificationGroup.FOLLOW_PREFIX, gone)
                        .chain(() -> writes.drop(session, followee, requestKey, gone))
                        .chain(() -> writes.drop(session, follower, NotificationGroup.followAccepted(follower, followee).key(), gone))
                        .replaceWithVoid();
            }
            default -> Uni.createFrom().voidItem();
        };
    }

    private static <T> Uni<Void> each(List<T> items, Function<T, Uni<?>> work) {
        return Multi.createFrom().iterable(items).onItem().transformToUniAndConcatenate(work).collect().last().replaceWithVoid();
    }

    private static Instant instant(Timestamp at) {
        return at.getSeconds() == 0 && at.getNanos() == 0 ? Instant.now()
                : Instant.ofEpochSecond(at.getSeconds(), at.getNanos()).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
