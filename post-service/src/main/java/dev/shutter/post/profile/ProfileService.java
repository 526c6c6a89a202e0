package dev.shutter.post.profile;

import dev.shutter.contracts.events.v1.UserErased;
import dev.shutter.contracts.events.EventTypes;
import dev.shutter.post.account.AccountService;
import dev.shutter.post.account.User;
import dev.shutter.post.counter.Counters;
import dev.shutter.post.outbox.Outbox;
import dev.shutter.rest.problem.ProblemException;
import dev.shutter.post.session.SessionService;
import com.google.protobuf.Timestamp;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.hibernate.reactive.mutiny.Mutiny;

/** The caller's own profile: read, change, and the erasure request. */
@ApplicationScoped
public class ProfileService {

    private final Mutiny.SessionFactory sessions;
    private final AccountService accounts;
    private final Counters counters;
    private final Outbox outbox;
    private final SessionService sessionService;
    private final PrivacyChanges privacyChanges;

    ProfileService(Mutiny.SessionFactory sessions, AccountService accounts, Counters counters, Outbox outbox,
            SessionService sessionService, PrivacyChanges privacyChanges) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.counters = counters;
        this.outbox = outbox;
        this.sessionService = sessionService;
        this.privacyChanges = privacyChanges;
    }

    public Uni<ProfileView> own(long userId) {
        return sessions.withSession(session -> active(session, userId)
                .chain(user -> counters.read(session, userId).map(counts -> ProfileView.own(user, counts))));
    }

    public Uni<ProfileView> change(long userId, ProfileChange change) {
        return sessions.withTransaction(session -> active(session, userId).chain(user -> {
            boolean wasPrivate = user.isPrivate;
            if (change.displayName() != null) {
                user.displayName = change.displayName().strip();
            }
            if (change.bio() != null) {
                user.bio = change.bio().strip();
            }
            if (change.isPrivate() != null) {
                user.isPrivate = change.isPrivate();
            }
            Uni<Void> privacy = wasPrivate && !user.isPrivate
                    ? privacyChanges.becamePublic(session, user)
                    : Uni.createFrom().voidItem();
            return privacy.chain(session::flush)
                    .chain(() -> counters.read(session, userId))
                    .map(counts -> ProfileView.own(user, counts));
        }));
    }

    /** Records the erasure request and announces it; the data goes asynchronously. Idempotent. */
    public Uni<Void> requestErasure(long userId) {
        Instant now = Instant.now();
        return sessions.withTransaction(session -> active(session, userId).chain(user -> {
            user.erasureRequestedAt = now;
            UserErased payload = UserErased.newBuilder()
                    .setUserId(userId)
                    .setRequestedAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                    .build();
            return sessionService.revokeAll(session, userId)
                    .chain(() -> outbox.add(session, EventTypes.USER_ERASED, Long.toString(userId), payload));
        }));
    }

    private Uni<User> active(Mutiny.Session session, long userId) {
        return accounts.findActive(session, userId).map(user -> {
            if (user == null) {
                throw ProblemException.notFound("No such account.");
            }
            return user;
        });
    }
}
