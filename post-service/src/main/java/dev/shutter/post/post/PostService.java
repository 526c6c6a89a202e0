package dev.shutter.post.post;

import dev.shutter.post.counter.CounterName;
import dev.shutter.post.counter.Counters;
import dev.shutter.post.post.view.PostViews;
import dev.shutter.rest.post.PostView;
import dev.shutter.rest.problem.ProblemException;
import io.quarkus.arc.All;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** Reading and deleting one post. */
@ApplicationScoped
public class PostService {

    private final Mutiny.SessionFactory sessions;
    private final PostAccess access;
    private final PostViews views;
    private final PostEvents events;
    private final Counters counters;
    private final RawUploads rawUploads;
    private final List<PostDeletion> deletions;

    PostService(Mutiny.SessionFactory sessions, PostAccess access, PostViews views, PostEvents events, Counters counters,
            RawUploads rawUploads, @All List<PostDeletion> deletions) {
        this.sessions = sessions;
        this.access = access;
        this.views = views;
        this.events = events;
        this.counters = counters;
        this.rawUploads = rawUploads;
        this.deletions = List.copyOf(deletions);
    }

    /** A post as the viewer sees it; 404 when the viewer may not see it. */
    public Uni<PostView> get(long viewerId, long postId) {
        return sessions.withSession(session -> views.hydrate(session, viewerId, List.of(postId)))
                .map(found -> {
                    if (found.isEmpty()) {
                        throw ProblemException.notFound("No such post.");
                    }
                    return found.getFirst();
                });
    }

    /**
     * Deletes a post and its media items, has every {@link PostDeletion} remove what it keeps of
     * the post (comments, likes, saves, counters), and announces it as {@code post.deleted}, in one
     * transaction; the author's post count drops if the post had counted. Only the author may:
     * anyone else gets 404 when the post is not visible to them (no leak), 403 when it is. After
     * the commit the raw uploads are retired (replaced by tombstones, so their upload URLs are
     * refused); the processed variants in the media bucket are media-worker's to remove (on
     * {@code post.deleted}).
     */
    public Uni<Void> delete(long viewerId, long postId) {
        return sessions.withTransaction(session -> access.visible(session, viewerId, postId)
                        .chain(post -> {
                            if (post.authorId != viewerId) {
                                throw ProblemException.forbidden("Only the author may delete a post.");
                            }
                            return deleteRows(session, post, false);
                        }))
                .chain(rawUploads::retire)
                .replaceWithVoid();
    }

    /**
     * Deletes the post's rows as {@link #delete} does, for a caller that decided it may (erasure,
     * {@code accountErased}: said so in its {@code post.deleted}).
     *
     * @return the raw object keys of the deleted media items
     */
    Uni<List<String>> deleteRows(Mutiny.Session session, Post post, boolean accountErased) {
        // Lock the row and read its status as of now: a concurrent media.processed that makes it
        // ready either finished before (and the count is taken back) or waits and finds no post.
        return session.createNativeQuery("SELECT status FROM posts WHERE author_id = :author AND post_id = :post FOR UPDATE",
                        String.class)
                .setParameter("author", post.authorId)
                .setParameter("post", post.postId)
                .getSingleResultOrNull()
                .chain(status -> {
                    if (status == null) {
                        return Uni.createFrom().failure(ProblemException.notFound("No such post."));
                    }
                    return session.createNativeQuery("SELECT object_key FROM media_items WHERE author_id = :author AND post_id = :post",
                                    String.class)
                            .setParameter("author", post.authorId)
                            .setParameter("post", post.postId)
                            .getResultList()
                            .call(() -> execute(session, "DELETE FROM media_items WHERE author_id = :author AND post_id = :post", post))
                            .call(() -> execute(session, "DELETE FROM posts WHERE author_id = :author AND post_id = :post", post))
                            // One after the other: a session runs one statement at a time.
                            .call(() -> Multi.createFrom().iterable(deletions)
                                    .onItem().transformToUniAndConcatenate(deletion -> deletion.postDeleted(session, post.authorId, post.postId))
                                    .collect().last())
                            .call(() -> Post.READY.equals(status)
                                    ? counters.add(session, post.authorId, CounterName.POSTS, -1)
                                    : Uni.createFrom().voidItem())
                            .call(() -> counters.read(session, post.authorId).chain(counts ->
                                    events.deleted(session, post.postId, post.authorId, counts.get(CounterName.FOLLOWERS), accountErased)));
                });
    }

    private static Uni<Integer> execute(Mutiny.Session session, String sql, Post post) {
        return session.createNativeQuery(sql)
                .setParameter("author", post.authorId)
                .setParameter("post", post.postId)
                .executeUpdate();
    }
}
