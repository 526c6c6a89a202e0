package dev.shutter.contracts.events;

import dev.shutter.contracts.events.v1.Engagement;
import dev.shutter.contracts.events.v1.ErasureFinished;
import dev.shutter.contracts.events.v1.FollowChanged;
import dev.shutter.contracts.events.v1.MediaFailed;
import dev.shutter.contracts.events.v1.MediaProcessed;
import dev.shutter.contracts.events.v1.ModelPublished;
import dev.shutter.contracts.events.v1.ObjectFinalized;
import dev.shutter.contracts.events.v1.PostDeleted;
import dev.shutter.contracts.events.v1.PostPublished;
import dev.shutter.contracts.events.v1.StoryExpired;
import dev.shutter.contracts.events.v1.StoryPublished;
import dev.shutter.contracts.events.v1.PrivacyChanged;
import dev.shutter.contracts.events.v1.ProfileChanged;
import dev.shutter.contracts.events.v1.UserErased;
import java.util.List;
import java.util.Optional;

/**
 * Every event type of Shutter, each with its payload message (ARCHITECTURE.md "Events"). A new
 * message in {@code shutter/events/v1} gets its type here; a test fails until it does.
 */
public final class EventTypes {

    /** An object was written to the raw bucket (GCS finalize, or the local store): raw bucket → media-worker. */
    public static final EventType<ObjectFinalized> MEDIA_UPLOADED =
            new EventType<>("media.uploaded", ObjectFinalized.class, ObjectFinalized.parser());
    /** One media item is ready to serve: media-worker → post-service. */
    public static final EventType<MediaProcessed> MEDIA_PROCESSED =
            new EventType<>("media.processed", MediaProcessed.class, MediaProcessed.parser());
    /** One media item can never be served: media-worker → post-service. */
    public static final EventType<MediaFailed> MEDIA_FAILED =
            new EventType<>("media.failed", MediaFailed.class, MediaFailed.parser());
    /** A post's media are all processed: post-service → feed-service, explore-service, search. */
    public static final EventType<PostPublished> POST_PUBLISHED =
            new EventType<>("post.published", PostPublished.class, PostPublished.parser());
    /** A post was deleted: post-service → feed-service, explore-service, search, media cleanup. */
    public static final EventType<PostDeleted> POST_DELETED =
            new EventType<>("post.deleted", PostDeleted.class, PostDeleted.parser());
    /** A follow edge changed state: post-service → feed-service. */
    public static final EventType<FollowChanged> FOLLOW_CHANGED =
            new EventType<>("follow.changed", FollowChanged.class, FollowChanged.parser());
    /** A like, save, comment or view: post-service → explore-service, notifications, search. */
    public static final EventType<Engagement> ENGAGEMENT =
            new EventType<>("engagement", Engagement.class, Engagement.parser());
    /** An account turned private or public: post-service → its media gate index, explore-service. */
    public static final EventType<PrivacyChanged> PRIVACY_CHANGED =
            new EventType<>("privacy.changed", PrivacyChanged.class, PrivacyChanged.parser());
    /** An account asked to be erased: post-service → everyone holding its data. */
    public static final EventType<UserErased> USER_ERASED =
            new EventType<>("user.erased", UserErased.class, UserErased.parser());

    /** What others see of an account changed (its display name): post-service → its search index. */
    public static final EventType<ProfileChanged> PROFILE_CHANGED =
            new EventType<>("profile.changed", ProfileChanged.class, ProfileChanged.parser());

    /** One store finished erasing an account: every store → post-service's erasure ledger. */
    public static final EventType<ErasureFinished> ERASURE_FINISHED =
            new EventType<>("erasure.finished", ErasureFinished.class, ErasureFinished.parser());

    /**
     * One model version is whole in the model store: ml-models → explore-service (and the feed's
     * scorer). A hint to load the newest complete set of versions, keyed by the model's name.
     */
    public static final EventType<ModelPublished> MODEL_PUBLISHED =
            new EventType<>("model.published", ModelPublished.class, ModelPublished.parser());

    /** A story's media is processed and it is live: post-service → its tray index, explore-service. */
    public static final EventType<StoryPublished> STORY_PUBLISHED =
            new EventType<>("story.published", StoryPublished.class, StoryPublished.parser());
    /** A story expired: post-service → its tray index, explore-service. */
    public static final EventType<StoryExpired> STORY_EXPIRED =
            new EventType<>("story.expired", StoryExpired.class, StoryExpired.parser());

    public static final List<EventType<?>> ALL = List.of(MEDIA_UPLOADED, MEDIA_PROCESSED, MEDIA_FAILED, POST_PUBLISHED,
            POST_DELETED, FOLLOW_CHANGED, ENGAGEMENT, PRIVACY_CHANGED, PROFILE_CHANGED, USER_ERASED, ERASURE_FINISHED,
            MODEL_PUBLISHED, STORY_PUBLISHED, STORY_EXPIRED);

    private EventTypes() {}

    /** The type of this name, if Shutter has one. */
    public static Optional<EventType<?>> named(String name) {
        return ALL.stream().filter(type -> type.name().equals(name)).findFirst();
    }
}
