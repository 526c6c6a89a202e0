package dev.shutter.post.engagement;

import dev.shutter.post.counter.Counters;
import dev.shutter.post.erasure.Batches;
import dev.shutter.post.erasure.ErasureStep;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** Erasure of an account's likes and saves; the posts' counts drop by what it had given them. */
@ApplicationScoped
public class EngagementErasure implements ErasureStep {

    private final Mutiny.SessionFactory sessions;
    private final Counters counters;

    EngagementErasure(Mutiny.SessionFactory sessions, Counters counters) {
        this.sessions = sessions;
        this.counters = counters;
    }

    @Override
    public String store() {
        return "engagement";
    }

    @Override
    public Uni<Long> erase(long userId) {
        return Batches.untilEmpty(() -> batch(Reaction.LIKE, userId))
                .chain(likes -> Batches.untilEmpty(() -> batch(Reaction.SAVE, userId)).map(saves -> likes + saves));
    }

    /** Locks a batch of the account's rows, deletes them and takes back each post's count, in one transaction. */
    private Uni<Integer> batch(Reaction reaction, long userId) {
        return sessions.withTransaction(session -> session.createNativeQuery("SELECT post_id FROM " + reaction.table
                                + " WHERE user_id = :user LIMIT :limit FOR UPDATE", Long.class)
                .setParameter("user", userId)
                .setParameter("limit", Batches.SIZE)
                .getResultList()
                .chain(postIds -> postIds.isEmpty() ? Uni.createFrom().item(0) : session.createNativeQuery("DELETE FROM "
                                + reaction.table + " WHERE user_id = :user AND post_id IN (:posts)")
                        .setParameter("user", userId)
                        .setParameter("posts", postIds)
                        .executeUpdate()
                        .call(() -> uncount(session, reaction, postIds))));
    }

    private Uni<Void> uncount(Mutiny.Session session, Reaction reaction, List<Long> postIds) {
        return Multi.createFrom().iterable(postIds)
                .onItem().transformToUniAndConcatenate(postId -> counters.add(session, postId, reaction.counter, -1))
                .collect().last()
                .replaceWithVoid();
    }
}
