package dev.shutter.post.follow;

import dev.shutter.post.account.AccountService;
import dev.shutter.post.counter.Counters;
import dev.shutter.rest.problem.ProblemException;
import dev.shutter.post.profile.ProfileView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Any account's profile as the caller sees it, with the caller's relationship to it. The profile
 * itself (name, bio, counts) is public even for a private account, as on the apps; what a
 * private account hides is its posts and lists.
 */
@ApplicationScoped
public class UserProfiles {

    private final Mutiny.SessionFactory sessions;
    private final AccountService accounts;
    private final Counters counters;
    private final FollowEdges edges;

    UserProfiles(Mutiny.SessionFactory sessions, AccountService accounts, Counters counters, FollowEdges edges) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.counters = counters;
        this.edges = edges;
    }

    public Uni<ProfileView> byUsername(long viewerId, String username) {
        return sessions.withSession(session -> accounts.findByUsername(session, username).chain(user -> {
            if (user == null) {
                return Uni.createFrom().failure(ProblemException.notFound("No such account."));
            }
            return relationship(session, viewerId, user.userId).chain(relationship -> counters.read(session, user.userId)
                    .map(counts -> ProfileView.of(user, counts, null, relationship)));
        }));
    }

    private Uni<String> relationship(Mutiny.Session session, long viewerId, long userId) {
        if (viewerId == userId) {
            return Uni.createFrom().item("self");
        }
        return edges.state(session, viewerId, userId).map(state -> state.map(FollowState::column).orElse("none"));
    }
}
