package dev.shutter.rest.post;

import com.google.protobuf.Timestamp;
import dev.shutter.contracts.post.v1.Author;
import dev.shutter.contracts.post.v1.Media;
import dev.shutter.contracts.post.v1.Post;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The API's post and the PostQuery contract's, both ways: post-service sends its {@link PostView}s
 * as messages, and the services that show posts (feed, Explore) turn them back into the same view,
 * so every API shows a post with the same fields.
 */
public final class PostMessages {

    private PostMessages() {}

    public static Post of(PostView view) {
        Post.Builder post = Post.newBuilder()
                .setPostId(view.postId())
                .setStatus(view.status())
                .setAuthor(Author.newBuilder()
                        .setUserId(view.author().userId())
                        .setUsername(view.author().username())
                        .setDisplayName(nullToEmpty(view.author().displayName()))
                        .setAvatarUrl(nullToEmpty(view.author().avatarUrl()))
                        .setIsPrivate(view.author().isPrivate()))
                .setCaption(view.caption())
                .addAllHashtags(view.hashtags())
                .setLikeCount(view.likeCount())
                .setCommentCount(view.commentCount())
                .setSaveCount(view.saveCount())
                .setLikedByMe(view.likedByMe())
                .setSavedByMe(view.savedByMe())
                .setCreatedAt(timestamp(view.createdAt()));
        view.media().forEach(media -> post.addMedia(of(media)));
        return post.build();
    }

    /** The post as a viewer sees it, with that viewer's own flags (the message may have been fetched for someone else). */
    public static PostView view(Post post, boolean likedByMe, boolean savedByMe) {
        Author author = post.getAuthor();
        return new PostView(post.getPostId(), post.getStatus(), null,
                new AuthorView(author.getUserId(), author.getUsername(), emptyToNull(author.getDisplayName()),
                        emptyToNull(author.getAvatarUrl()), author.getIsPrivate()),
                post.getCaption(), List.copyOf(post.getHashtagsList()), null,
                post.getMediaList().stream().map(PostMessages::view).toList(),
                post.getLikeCount(), post.getCommentCount(), post.getSaveCount(), likedByMe, savedByMe,
                Instant.ofEpochSecond(post.getCreatedAt().getSeconds(), post.getCreatedAt().getNanos()));
    }

    private static Media of(MediaView view) {
        Media.Builder media = Media.newBuilder().setMediaId(view.mediaId()).setType(nullToEmpty(view.type()));
        if (view.variants() != null) {
            media.putAllVariants(view.variants());
        }
        if (view.width() != null) {
            media.setWidth(view.width());
        }
        if (view.height() != null) {
            media.setHeight(view.height());
        }
        if (view.durationMs() != null) {
            media.setDurationMs(view.durationMs());
        }
        return media.setBlurhash(nullToEmpty(view.blurhash()))
                .setHls(nullToEmpty(view.hls()))
                .setPoster(nullToEmpty(view.poster()))
                .build();
    }

    /** A shown post's media are processed: status "ready", as post-service shows them. */
    private static MediaView view(Media media) {
        boolean video = "video".equals(media.getType());
        return new MediaView(media.getMediaId(), emptyToNull(media.getType()), "ready",
                video ? null : Map.copyOf(media.getVariantsMap()),
                media.getWidth() == 0 ? null : media.getWidth(), media.getHeight() == 0 ? null : media.getHeight(),
                emptyToNull(media.getBlurhash()), video ? emptyToNull(media.getHls()) : null,
                video ? emptyToNull(media.getPoster()) : null, video ? media.getDurationMs() : null);
    }

    private static Timestamp timestamp(Instant at) {
        return Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
