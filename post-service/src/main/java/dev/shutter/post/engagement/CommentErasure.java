package dev.shutter.post.engagement;

import dev.shutter.post.counter.CounterName;
import dev.shutter.post.counter.Counters;
import dev.shutter.post.erasure.Batches;
import dev.shutter.post.erasure.ErasureStep;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

/** Erasure of an account's comments, on anyone's posts; each post's comment count drops by one per comment. */
@ApplicationScoped
public class CommentErasure implements ErasureStep {

    private final Mutiny.SessionFactory sessions;
    private final Counters counters;

    CommentErasure(Mutiny.SessionFactory sessions, Counters counters) {
        this.sessions = sessions;
        this.counters = counters;
    }

    @Override
    public String store() {
        return "comments";
    }

    @Override
    public Uni<Long> erase(long userId) {
        return Batches.untilEmpty(() -> sessions.withTransaction(session -> session.createNativeQuery("""
                                SELECT post_id, comment_id FROM comments WHERE author_id = :user LIMIT :limit FOR UPDATE""",
                        Object[].class)
                .setParameter("user", userId)
                .setParameter("limit", Batches.SIZE)
                .getResultList()
                .chain(rows -> Multi.createFrom().iterable(rows)
                        .onItem().transformToUniAndConcatenate(row -> {
                            long postId = ((Number) row[0]).longValue();
                            return session.createNativeQuery("DELETE FROM comments WHERE post_id = :post AND comment_id = :comment")
                                    .setParameter("post", postId)
                                    .setParameter("comment", ((Number) row[1]).longValue())
                                    .executeUpdate()
                                    .call(deleted -> deleted == 0 ? Uni.createFrom().voidItem()
                                            : counters.add(session, postId, CounterName.COMMENTS, -1));
                        })
                        .collect().asList()
                        .map(deleted -> deleted.stream().mapToInt(Integer::intValue).sum()))));
    }
}
