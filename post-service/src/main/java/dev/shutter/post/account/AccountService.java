package dev.shutter.post.account;

import dev.shutter.post.profile.ProfileText;
import dev.shutter.problem.FieldError;
import java.util.ArrayList;
import java.util.List;
import dev.shutter.ids.IdGenerator;
import dev.shutter.ids.Snowflake;
import dev.shutter.post.reactive.Database;
import dev.shutter.post.reactive.Offload;
import dev.shutter.rest.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Locale;
import org.hibernate.reactive.mutiny.Mutiny;

/** Sign-up and the lookups other features make of accounts. */
@ApplicationScoped
public class AccountService {

    private static final int ID_ATTEMPTS = 3;

    private final Mutiny.SessionFactory sessions;
    private final PasswordHasher hasher;
    private final IdGenerator ids;
    private final PrivacyEvents privacyEvents;

    AccountService(Mutiny.SessionFactory sessions, PasswordHasher hasher, IdGenerator ids, PrivacyEvents privacyEvents) {
        this.sessions = sessions;
        this.hasher = hasher;
        this.ids = ids;
        this.privacyEvents = privacyEvents;
    }

    public Uni<User> signUp(SignUp request) {
        String email = request.email().trim().toLowerCase(Locale.ROOT);
        List<FieldError> errors = new ArrayList<>();
        String displayName = request.displayName() == null || request.displayName().isBlank()
                ? null : ProfileText.displayName(request.displayName(), errors);
        ProfileText.check(errors);
        return Offload.cpu(() -> hasher.hash(request.password()))
                .chain(hash -> insert(request, email, hash, displayName, ID_ATTEMPTS))
                .onFailure(f -> Database.isUniqueViolation(f, "users_by_username"))
                .transform(f -> ProblemException.conflict("The username " + request.username() + " is taken."))
                .onFailure(f -> Database.isUniqueViolation(f, "users_by_email"))
                .transform(f -> ProblemException.conflict("An account with this email exists."));
    }

    /** Stores the account; an ID that met an existing one is drawn again, a few times. */
    private Uni<User> insert(SignUp request, String email, String hash, String displayName, int attemptsLeft) {
        return sessions.withTransaction(session -> {
                    User user = new User();
                    user.userId = ids.next(Snowflake.shardForNewUser());
                    user.username = request.username();
                    user.email = email;
                    user.passwordHash = hash;
                    user.displayName = displayName == null || displayName.isEmpty() ? request.username() : displayName;
                    user.bio = "";
                    user.isPrivate = false;
                    user.createdAt = Instant.now();
                    // A new account is public: announced, so the media gate's index learns it.
                    return session.persist(user).call(session::flush).call(() -> privacyEvents.changed(session, user))
                            .replaceWith(user);
                })
                .onFailure(f -> attemptsLeft > 1 && Database.isUniqueViolation(f, "users_pkey"))
                .recoverWithUni(f -> insert(request, email, hash, displayName, attemptsLeft - 1));
    }

    /** The active account with this username, or null. */
    public Uni<User> findByUsername(Mutiny.Session session, String username) {
        return session.createSelectionQuery("from User where username = :username and erasureRequestedAt is null", User.class)
                .setParameter("username", username)
                .getSingleResultOrNull();
    }

    /** The active account with this ID, or null. */
    public Uni<User> findActive(Mutiny.Session session, long userId) {
        return session.find(User.class, userId).map(user -> user != null && user.active() ? user : null);
    }
}
