package dev.shutter.post.post.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.post.account.User;
import dev.shutter.post.counter.CounterName;
import dev.shutter.post.counter.Counters;
import dev.shutter.post.counter.Counts;
import dev.shutter.post.post.MediaItem;
import dev.shutter.post.post.Post;
import dev.shutter.rest.post.AuthorView;
import dev.shutter.rest.post.MediaView;
import dev.shutter.rest.post.PostView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Turns post IDs into {@link PostView}s for one viewer: the one hydrator behind `GET
 * /v1/posts/{id}`, the profile grid, the saved list and gRPC BatchGetPosts.
 *
 * <p>At most five queries whatever the number of posts (posts with their authors, the viewer's
 * follows of private authors, media, counters, likes and saves), never one per post.
 *
 * <p>Posts the viewer may not see are left out, by the same rule as {@code PostAccess} and
 * {@code follow.Visibility}, here evaluated for the whole batch at once: unknown posts, posts not
 * ready (except to their author), posts of erased accounts, and posts of private accounts the
 * viewer does not follow (approved) and is not.
 */
@ApplicationScoped
public class PostViews {

    private static final Logger LOG = Logger.getLogger(PostViews.class);
    private static final TypeReference<LinkedHashMap<String, String>> VARIANTS = new TypeReference<>() {};
    /** Keys of the variants JSON that are not image variants. */
    private static final Set<String> VIDEO_KEYS = Set.of("hls", "poster");

    private final Counters counters;
    private final MediaUrls urls;
    private final ObjectMapper json;

    PostViews(Counters counters, MediaUrls urls, ObjectMapper json) {
        this.counters = counters;
        this.urls = urls;
        this.json = json;
    }

    /**
     * The posts the viewer may see, in the order asked (a repeated ID appears once).
     *
     * @param viewerId the viewer's user ID; 0 for nobody signed in (sees public ready posts only)
     */
    public Uni<List<PostView>> hydrate(Mutiny.Session session, long viewerId, List<Long> postIds) {
        return hydrate(session, new Batch(viewerId, List.copyOf(new LinkedHashSet<>(postIds)), false));
    }

    /**
     * Like {@link #hydrate}, but only ready posts of public accounts, whoever the viewer (search
     * shows a private account's posts to nobody, followers included).
     */
    public Uni<List<PostView>> hydratePublic(Mutiny.Session session, long viewerId, List<Long> postIds) {
        return hydrate(session, new Batch(viewerId, List.copyOf(new LinkedHashSet<>(postIds)), true));
    }

    private Uni<List<PostView>> hydrate(Mutiny.Session session, Batch batch) {
        if (batch.order.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return visible(session, batch).chain(() -> {
            if (batch.posts.isEmpty()) {
                return Uni.createFrom().item(List.<PostView>of());
            }
            return media(session, batch)
                    .chain(() -> counters.read(session, batch.posts.keySet()).invoke(counts -> batch.counts = counts))
                    .chain(() -> viewerFlags(session, batch))
                    .map(x -> assemble(batch));
        });
    }

    /**
     * Which of the posts the viewer may see, and whether they liked or saved each: the viewer's own
     * part of a hydrated post, so that callers can cache the rest for every viewer. Three queries at
     * most; in the order asked.
     */
    public Uni<List<ViewerState>> viewerStates(Mutiny.Session session, long viewerId, List<Long> postIds) {
        List<Long> ids = List.copyOf(new LinkedHashSet<>(postIds));
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Batch batch = new Batch(viewerId, ids, false);
        return visible(session, batch)
                .chain(() -> batch.posts.isEmpty() ? Uni.createFrom().voidItem() : viewerFlags(session, batch))
                .map(x -> batch.order.stream()
                        .filter(batch.posts::containsKey)
                        .map(id -> new ViewerState(id, batch.liked.contains(id), batch.saved.contains(id)))
                        .toList());
    }

    /** Loads the posts, their authors and the viewer's follows of private ones; keeps what the viewer may see. */
    private static Uni<Void> visible(Mutiny.Session session, Batch batch) {
        // Posts with their authors in one round trip; an erased author's posts do not come back.
        return session.createSelectionQuery("""
                        select p, u from Post p join User u on u.userId = p.authorId
                        where p.postId in :ids and u.erasureRequestedAt is null""", Object[].class)
                .setParameter("ids", batch.order)
                .getResultList()
                .invoke(rows -> {
                    Map<Long, User> authors = new HashMap<>();
                    for (Object[] row : rows) {
                        Post post = (Post) row[0];
                        User author = (User) row[1];
                        if (Post.READY.equals(post.status) || post.authorId == batch.viewerId && !batch.publicOnly) {
                            batch.posts.put(post.postId, post);
                            authors.put(author.userId, author);
                        }
                    }
                    batch.authors = authors;
                })
                .chain(() -> followedPrivateAuthors(session, batch))
                .invoke(batch::keepVisible);
    }

    /** Which of the batch's posts the viewer liked and saved: one query for both. */
    private static Uni<Void> viewerFlags(Mutiny.Session session, Batch batch) {
        if (batch.viewerId == 0) {
            return Uni.createFrom().voidItem();
        }
        return session.createNativeQuery("""
                        SELECT post_id, 1 FROM likes WHERE user_id = :viewer AND post_id IN (:posts)
                        UNION ALL
                        SELECT post_id, 2 FROM saves WHERE user_id = :viewer AND post_id IN (:posts)""", Object[].class)
                .setParameter("viewer", batch.viewerId)
                .setParameter("posts", List.copyOf(batch.posts.keySet()))
                .getResultList()
                .invoke(rows -> {
                    batch.liked = new HashSet<>();
                    batch.saved = new HashSet<>();
                    for (Object[] row : rows) {
                        (((Number) row[1]).intValue() == 1 ? batch.liked : batch.saved).add(((Number) row[0]).longValue());
                    }
                })
                .replaceWithVoid();
    }

    /** One hydration's intermediate state. */
    private static final class Batch {
        final long viewerId;
        final List<Long> order;
        final boolean publicOnly;
        final Map<Long, Post> posts = new LinkedHashMap<>();
        Map<Long, User> authors = Map.of();
        Set<Long> followed = Set.of();
        Map<Long, List<MediaItem>> media = Map.of();
        Map<Long, Counts> counts = Map.of();
        Set<Long> liked = Set.of();
        Set<Long> saved = Set.of();

        Batch(long viewerId, List<Long> order, boolean publicOnly) {
            this.viewerId = viewerId;
            this.order = order;
            this.publicOnly = publicOnly;
        }

        void keepVisible() {
            posts.values().removeIf(post -> {
                User author = authors.get(post.authorId);
                return author == null
                        || author.isPrivate && (publicOnly || post.authorId != viewerId && !followed.contains(post.authorId));
            });
        }

        Set<Long> authorIds() {
            return posts.values().stream().map(post -> post.authorId).collect(Collectors.toSet());
        }
    }

    /** Which of the batch's private authors the viewer follows (approved); one query, or none. */
    private static Uni<Void> followedPrivateAuthors(Mutiny.Session session, Batch batch) {
        List<Long> privateAuthors = batch.authors.values().stream()
                .filter(author -> author.isPrivate && author.userId != batch.viewerId)
                .map(author -> author.userId)
                .toList();
        if (privateAuthors.isEmpty() || batch.viewerId == 0 || batch.publicOnly) {
            return Uni.createFrom().voidItem();
        }
        return session.createNativeQuery("""
                        SELECT followee_id FROM follows
                        WHERE follower_id = :viewer AND followee_id IN (:authors) AND state = 'following'""", Long.class)
                .setParameter("viewer", batch.viewerId)
                .setParameter("authors", privateAuthors)
                .getResultList()
                .invoke(followed -> batch.followed = new HashSet<>(followed))
                .replaceWithVoid();
    }

    private static Uni<Void> media(Mutiny.Session session, Batch batch) {
        // The key leads with the author, so filter by the authors too: the lookup stays on the key
        // (a post ID belongs to exactly one author, so no other post's media can match).
        return session.createSelectionQuery("from MediaItem where authorId in :authors and postId in :posts order by position",
                        MediaItem.class)
                .setParameter("authors", List.copyOf(batch.authorIds()))
                .setParameter("posts", List.copyOf(batch.posts.keySet()))
                .getResultList()
                .invoke(items -> batch.media = items.stream().collect(Collectors.groupingBy(item -> item.postId)))
                .replaceWithVoid();
    }

    private List<PostView> assemble(Batch batch) {
        List<PostView> views = new ArrayList<>();
        for (long postId : batch.order) {
            Post post = batch.posts.get(postId);
            if (post == null) {
                continue;
            }
            User author = batch.authors.get(post.authorId);
            Counts counts = batch.counts.get(postId);
            List<MediaView> media = batch.media.getOrDefault(postId, List.of()).stream()
                    .map(item -> mediaView(item, author.isPrivate))
                    .toList();
            views.add(new PostView(post.postId, post.status, Post.FAILED.equals(post.status) ? post.failureReason : null,
                    authorView(author), post.caption, hashtags(post.hashtags), post.locationId, media,
                    counts.get(CounterName.LIKES), counts.get(CounterName.COMMENTS), counts.get(CounterName.SAVES),
                    batch.liked.contains(postId), batch.saved.contains(postId), post.createdAt));
        }
        return views;
    }

    private MediaView mediaView(MediaItem item, boolean privateAccount) {
        if (!MediaItem.READY.equals(item.status)) {
            return new MediaView(item.mediaId, null, item.status, null, null, null, null, null, null, null);
        }
        Map<String, String> keys = variants(item);
        if ("video".equals(item.mediaType)) {
            return new MediaView(item.mediaId, "video", item.status, null, item.width, item.height, item.blurhash,
                    urls.of(keys.get("hls"), privateAccount), urls.of(keys.get("poster"), privateAccount), item.durationMs);
        }
        Map<String, String> variants = new LinkedHashMap<>();
        keys.forEach((name, key) -> {
            String url = VIDEO_KEYS.contains(name) ? null : urls.of(key, privateAccount);
            if (url != null) {
                variants.put(name, url);
            }
        });
        return new MediaView(item.mediaId, "image", item.status, variants, item.width, item.height, item.blurhash,
                null, null, null);
    }

    /**
     * A post's small picture from its first media item's stored variants: a clip's poster, else the
     * image's {@code thumb}; null when there is none. The caller has checked the viewer may see the post.
     */
    public String thumbnail(String storedVariants, boolean privateAccount) {
        Map<String, String> keys = variants(storedVariants, "of a post's first media item");
        return urls.of(keys.containsKey("poster") ? keys.get("poster") : keys.get("thumb"), privateAccount);
    }

    private Map<String, String> variants(MediaItem item) {
        return variants(item.variants, "of media item " + item.mediaId);
    }

    private Map<String, String> variants(String stored, String whose) {
        if (stored == null || stored.isBlank()) {
            return Map.of();
        }
        try {
            return json.readValue(stored, VARIANTS);
        } catch (JsonProcessingException e) {
            LOG.warnf("Variants %s are not a JSON object of strings; shown without them", whose);
            return Map.of();
        }
    }

    private static AuthorView authorView(User user) {
        return new AuthorView(user.userId, user.username, user.displayName, user.avatarUrl, user.isPrivate);
    }

    private static List<String> hashtags(String stored) {
        return stored == null || stored.isBlank() ? List.of() : Arrays.asList(stored.split(" "));
    }
}
