package dev.shutter.post.profile;

import dev.shutter.post.erasure.ErasureLedger;
import dev.shutter.post.erasure.ErasureRunner;
import dev.shutter.problem.FieldError;
import java.util.ArrayList;
import java.util.List;
import dev.shutter.contracts.events.v1.UserErased;
import dev.shutter.contracts.events.EventTypes;
import dev.shutter.post.account.AccountService;
import dev.shutter.post.account.PrivacyEvents;
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
    private final PrivacyEvents privacyEvents;
    private final ErasureLedger erasures;
    private final ErasureRunner erasureStores;
    private final ProfileEvents profileEvents;

    ProfileService(Mutiny.SessionFactory sessions, AccountService accounts, Counters counters, Outbox outbox,
            SessionService sessionService, PrivacyChanges privacyChanges, PrivacyEvents privacyEvents, ErasureLedger erasures,
            ErasureRunner erasureStores, ProfileEvents profileEvents) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.counters = counters;
        this.outbox = outbox;
        this.sessionService = sessionService;
        this.privacyChanges = privacyChanges;
        this.privacyEvents = privacyEvents;
        this.erasures = erasures;
        this.erasureStores = erasureStores;
        this.profileEvents = profileEvents;
    }

    public Uni<ProfileView> own(long userId) {
        return sessions.withSession(session -> active(session, userId)
                .chain(user -> counters.read(session, userId).map(counts -> ProfileView.own(user, counts))));
    }

    public Uni<ProfileView> change(long userId, ProfileChange change) {
        return sessions.withTransaction(session -> active(session, userId).chain(user -> {
            boolean wasPrivate = user.isPrivate;
            List<FieldError> errors = new ArrayList<>();
            String displayName = ProfileText.displayName(change.displayName(), errors);
            String bio = ProfileText.bio(change.bio(), errors);
            ProfileText.check(errors);
            boolean renamed = displayName != null && !displayName.equals(user.displayName);
            if (displayName != null) {
                user.displayName = displayName;
            }
            if (bio != null) {
                user.bio = bio;
            }
            if (change.isPrivate() != null) {
                user.isPrivate = change.isPrivate();
            }
            Uni<Void> privacy = Uni.createFrom().voidItem();
            if (wasPrivate != user.isPrivate) {
                user.privacyVersion++;
                privacy = privacyEvents.changed(session, user)
                        .chain(() -> user.isPrivate ? Uni.createFrom().voidItem() : privacyChanges.becamePublic(session, user));
            }
            Uni<Void> profile = renamed ? profileEvents.changed(session, userId) : Uni.createFrom().voidItem();
            return privacy.chain(() -> profile).chain(session::flush)
                    .chain(() -> counters.read(session, userId))
                    .map(counts -> ProfileView.own(user, counts));
        }));
    }

    /**
     * Records the erasure request, opens its ledger (a row per store that holds the account's
     * data), revokes the account's logins and announces {@code user.erased}, in one transaction;
     * after the commit its access tokens are refused. The data goes asynchronously ({@code
     * erasure.ErasureRunner}): the account is hidden everywhere from now on.
     */
    public Uni<Void> requestErasure(long userId) {
        Instant now = Instant.now();
        return sessions.withTransaction(session -> active(session, userId).chain(user -> {
            user.erasureRequestedAt = now;
            UserErased payload = UserErased.newBuilder()
                    .setUserId(userId)
                    .setRequestedAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                    .build();
            return erasures.open(session, userId, erasureStores.stores(), now)
                    .chain(() -> sessionService.revokeAll(session, userId))
                    .call(() -> outbox.add(session, EventTypes.USER_ERASED, Long.toString(userId), payload));
        })).chain(sessionService::refuseAccess);
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
