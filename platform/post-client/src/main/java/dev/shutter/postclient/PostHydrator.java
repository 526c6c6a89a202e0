package dev.shutter.postclient;

import dev.shutter.contracts.post.v1.Post;
import dev.shutter.contracts.post.v1.ViewerState;
import dev.shutter.rest.post.PostMessages;
import dev.shutter.rest.post.PostView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Post IDs to the posts a viewer sees: what the viewer may see and has done comes fresh from
 * post-service every time (so deleted posts and posts no longer visible drop out at once), the
 * rest from {@link PostCache}. The two calls run side by side.
 */
@ApplicationScoped
public class PostHydrator {

    private final PostQueryClient posts;
    private final PostCache cache;

    PostHydrator(PostQueryClient posts, PostCache cache) {
        this.posts = posts;
        this.cache = cache;
    }

    /** The visible posts, in the order asked. */
    public Uni<List<PostView>> hydrate(Viewer viewer, List<Long> postIds) {
        if (postIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.combine().all().unis(posts.viewerStates(viewer, postIds), cache.get(viewer, postIds)).asTuple()
                .chain(both -> completed(viewer, both.getItem1(), both.getItem2()).map(content -> {
                    List<PostView> shown = new ArrayList<>();
                    for (ViewerState state : both.getItem1()) {
                        Post post = content.get(state.getPostId());
                        if (post != null) {
                            shown.add(PostMessages.view(post, state.getLikedByMe(), state.getSavedByMe()));
                        }
                    }
                    return shown;
                }));
    }

    /**
     * Fetches, for this viewer, visible posts the cache could not give (another request's fetch,
     * made for a viewer who may not see them, came back without them).
     */
    private Uni<Map<Long, Post>> completed(Viewer viewer, List<ViewerState> states, Map<Long, Post> content) {
        List<Long> missing = states.stream().map(ViewerState::getPostId).filter(id -> !content.containsKey(id)).toList();
        if (missing.isEmpty()) {
            return Uni.createFrom().item(content);
        }
        return posts.batchGet(viewer, missing).map(fetched -> {
            Map<Long, Post> all = new HashMap<>(content);
            fetched.forEach(post -> all.put(post.getPostId(), post));
            return all;
        });
    }
}
