package dev.shutter.post.grpc;

import com.google.protobuf.Timestamp;
import dev.shutter.contracts.post.v1.Author;
import dev.shutter.contracts.post.v1.Media;
import dev.shutter.contracts.post.v1.Post;
import dev.shutter.contracts.post.v1.PostRef;
import dev.shutter.post.post.view.MediaView;
import dev.shutter.post.post.view.PostView;
import java.time.Instant;

/** The API's post, as the PostQuery contract carries it. */
final class PostMessages {

    private PostMessages() {}

    static Post of(PostView view) {
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

    static PostRef of(dev.shutter.post.post.PostRef ref) {
        return PostRef.newBuilder()
                .setPostId(ref.postId())
                .setAuthorId(ref.authorId())
                .setCreatedAt(timestamp(ref.createdAt()))
                .build();
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

    private static Timestamp timestamp(Instant at) {
        return Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
