package dev.shutter.post.story;

import dev.shutter.contracts.media.MediaRef;
import dev.shutter.contracts.media.ObjectKeys;
import dev.shutter.ids.IdGenerator;
import dev.shutter.ids.Snowflake;
import dev.shutter.post.account.AccountService;
import dev.shutter.post.post.NewPost;
import dev.shutter.post.post.UploadUrls;
import dev.shutter.post.ratelimit.RateLimiter;
import dev.shutter.post.ratelimit.RateLimits;
import dev.shutter.post.reactive.Database;
import dev.shutter.rest.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

/** Creating stories: {@code POST /v1/stories}. */
@ApplicationScoped
public class StoryCreation {

    private static final int ID_ATTEMPTS = 3;
    private static final String[] KEYS = {"stories_pkey", "stories_by_id"};

    private final Mutiny.SessionFactory sessions;
    private final AccountService accounts;
    private final UploadUrls uploadUrls;
    private final RateLimiter rateLimiter;
    private final RateLimits limits;
    private final IdGenerator ids;
    private final StoriesConfig config;

    StoryCreation(Mutiny.SessionFactory sessions, AccountService accounts, UploadUrls uploadUrls, RateLimiter rateLimiter,
            RateLimits limits, IdGenerator ids, StoriesConfig config) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.uploadUrls = uploadUrls;
        this.rateLimiter = rateLimiter;
        this.limits = limits;
        this.ids = ids;
        this.config = config;
    }

    /**
     * Stores the story in status processing with its one pending media item and hands out the
     * signed upload URL. It goes live once the media worker's verdict arrives ({@link StoryMedia});
     * its expiry counts from creation, as a client's clock shows it.
     */
    public Uni<CreatedStory> create(long authorId, CreateStoryRequest request) {
        return Uni.createFrom().item(() -> {
                    if (request == null) {
                        throw ProblemException.invalid("media", "is required");
                    }
                    return NewPost.single("media", request.media());
                })
                .call(() -> rateLimiter.acquire(limits.stories(), authorId))
                .chain(media -> store(authorId, media, ID_ATTEMPTS))
                .map(story -> new CreatedStory(story.storyId, story.status,
                        uploadUrls.of(story.mediaId, story.objectKey, story.mimeType, story.sizeBytes), story.expiresAt));
    }

    private Uni<Story> store(long authorId, NewPost.NewMedia media, int attemptsLeft) {
        return sessions.withTransaction(session -> accounts.findActive(session, authorId)
                        .chain(author -> {
                            if (author == null) {
                                throw ProblemException.notFound("No such account.");
                            }
                            Story story = row(authorId, media);
                            return session.persist(story).call(session::flush).replaceWith(story);
                        }))
                .onFailure(failure -> attemptsLeft > 1 && Database.isUniqueViolation(failure, KEYS))
                .recoverWithUni(failure -> store(authorId, media, attemptsLeft - 1));
    }

    private Story row(long authorId, NewPost.NewMedia media) {
        int shard = Snowflake.shardForOwner(authorId);
        Story story = new Story();
        story.authorId = authorId;
        story.storyId = ids.next(shard);
        story.mediaId = ids.next(shard);
        story.mimeType = media.mimeType();
        story.sizeBytes = media.sizeBytes();
        story.objectKey = ObjectKeys.upload(MediaRef.createStory(authorId, story.storyId, story.mediaId));
        story.status = Story.PROCESSING;
        story.createdAt = Snowflake.timestampOf(story.storyId);
        story.expiresAt = story.createdAt.plus(config.ttl());
        return story;
    }
}
