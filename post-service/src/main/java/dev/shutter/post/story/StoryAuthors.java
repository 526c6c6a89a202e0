package dev.shutter.post.story;

import dev.shutter.post.account.User;
import dev.shutter.rest.post.AuthorView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;

/** The accounts shown beside stories (authors, viewers), in one query; erased accounts are left out. */
@ApplicationScoped
public class StoryAuthors {

    private final Mutiny.SessionFactory sessions;

    StoryAuthors(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    public Uni<Map<Long, AuthorView>> of(List<Long> userIds) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return sessions.withSession(session -> session.createSelectionQuery(
                        "from User where userId in :ids and erasureRequestedAt is null", User.class)
                .setParameter("ids", userIds)
                .getResultList()
                .map(users -> {
                    Map<Long, AuthorView> byId = new HashMap<>();
                    users.forEach(user -> byId.put(user.userId,
                            new AuthorView(user.userId, user.username, user.displayName, user.avatarUrl, user.isPrivate)));
                    return byId;
                }));
    }
}
