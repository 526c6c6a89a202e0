package dev.shutter.post.session;

import dev.shutter.ids.IdGenerator;
import dev.shutter.ids.Snowflake;
import dev.shutter.post.account.AccountService;
import dev.shutter.post.account.PasswordHasher;
import dev.shutter.post.account.User;
import dev.shutter.post.reactive.Columns;
import dev.shutter.post.reactive.Offload;
import dev.shutter.rest.auth.Caller;
import dev.shutter.rest.auth.SessionRevocations;
import dev.shutter.rest.problem.ProblemException;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Sign-in, refresh and sign-out. Refresh tokens are single use: each refresh spends the token
 * and issues the next of its family (one login); presenting a spent token means it was stolen or
 * replayed, so the whole family is revoked, unless it is the client retrying a refresh whose
 * answer it lost moments ago. Revoking a login also refuses its access tokens at once ({@link
 * SessionRevocations}), and a login ends {@code family-lifetime} after it began.
 */
@ApplicationScoped
public class SessionService {

    private static final Logger LOG = Logger.getLogger(SessionService.class);
    private static final String BAD_CREDENTIALS = "Unknown username or wrong password.";
    private static final String BAD_REFRESH = "The refresh token is not valid.";

    private final Mutiny.SessionFactory sessions;
    private final AccountService accounts;
    private final PasswordHasher hasher;
    private final SigningKeys keys;
    private final JwtConfig config;
    private final IdGenerator ids;
    private final SessionRevocations revocations;
    private final RefreshSuccessors successors;

    SessionService(Mutiny.SessionFactory sessions, AccountService accounts, PasswordHasher hasher, SigningKeys keys,
            JwtConfig config, IdGenerator ids, SessionRevocations revocations) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.hasher = hasher;
        this.keys = keys;
        this.config = config;
        this.ids = ids;
        this.revocations = revocations;
        this.successors = new RefreshSuccessors(keys.derivedSecret("refresh-successor"));
    }

    public Uni<TokenPair> signIn(String username, String password) {
        return sessions.withSession(session -> accounts.findByUsername(session, username))
                .chain(user -> Offload.cpu(() -> hasher.verify(password, user == null ? null : user.passwordHash))
                        .map(ok -> {
                            if (!ok || user == null) {
                                throw ProblemException.unauthorized(BAD_CREDENTIALS);
                            }
                            return user;
                        }))
                .chain(user -> sessions.withTransaction(session -> {
                    long family = ids.next(Snowflake.shardForOwner(user.userId));
                    return issue(session, user, family, RefreshToken.mint(user.userId, ids.next(Snowflake.shardForOwner(user.userId))),
                            Instant.now());
                }));
    }

    /**
     * Spends a refresh token for the next pair of its login. A token presented again within
     * {@code refresh-retry-grace} of being spent, while its successor is still unused, answers the
     * same pair again; any other reuse revokes the login.
     */
    public Uni<TokenPair> refresh(String presented) {
        RefreshToken token = RefreshToken.parse(presented).orElseThrow(() -> ProblemException.unauthorized(BAD_REFRESH));
        Instant now = Instant.now();
        return sessions.withTransaction(session -> session.createNativeQuery("""
                                UPDATE refresh_tokens SET used_at = :now
                                WHERE user_id = :user AND token_id = :token AND secret_hash = :hash
                                  AND used_at IS NULL AND revoked_at IS NULL AND expires_at > :now""")
                        .setParameter("now", now)
                        .setParameter("user", token.userId())
                        .setParameter("token", token.tokenId())
                        .setParameter("hash", token.secretHash())
                        .executeUpdate()
                        .chain(spent -> spent == 1 ? rotate(session, token, now) : retried(session, token, now)))
                .chain(pair -> pair != null ? Uni.createFrom().item(pair) : rejectAndRevokeOnReuse(token));
    }

    /** Ends the login: its refresh tokens are revoked, its access tokens refused from now on. */
    public Uni<Void> signOut(long userId, long family) {
        return sessions.withTransaction(session -> revokeFamily(session, userId, family))
                .chain(() -> refuseAccess(List.of(family)));
    }

    /**
     * Revokes every refresh token of the user (erasure), in the caller's transaction, and answers
     * its logins, whose access tokens the caller refuses after the commit ({@link #refuseAccess}).
     */
    public Uni<List<Long>> revokeAll(Mutiny.Session session, long userId) {
        return session.createNativeQuery(
                        "SELECT DISTINCT family_id FROM refresh_tokens WHERE user_id = :user AND revoked_at IS NULL", Long.class)
                .setParameter("user", userId)
                .getResultList()
                .call(() -> session.createNativeQuery(
                                "UPDATE refresh_tokens SET revoked_at = :now WHERE user_id = :user AND revoked_at IS NULL")
                        .setParameter("now", Instant.now())
                        .setParameter("user", userId)
                        .executeUpdate());
    }

    /** Refuses the access tokens of these logins from now on (until they would have expired anyway). */
    public Uni<Void> refuseAccess(List<Long> families) {
        return revocations.revoke(families, config.accessTtl());
    }

    private Uni<TokenPair> rotate(Mutiny.Session session, RefreshToken spent, Instant now) {
        return session.createNativeQuery("SELECT family_id FROM refresh_tokens WHERE user_id = :user AND token_id = :token",
                        Long.class)
                .setParameter("user", spent.userId())
                .setParameter("token", spent.tokenId())
                .getSingleResult()
                .chain(family -> accounts.findActive(session, spent.userId()).chain(user -> {
                    if (user == null || familyEnded(family, now)) {
                        throw ProblemException.unauthorized(BAD_REFRESH);
                    }
                    RefreshToken next = successors.of(spent, ids.next(Snowflake.shardForOwner(user.userId)));
                    return session.createNativeQuery(
                                    "UPDATE refresh_tokens SET successor_id = :next WHERE user_id = :user AND token_id = :token")
                            .setParameter("next", next.tokenId())
                            .setParameter("user", spent.userId())
                            .setParameter("token", spent.tokenId())
                            .executeUpdate()
                            .chain(() -> issue(session, user, family, next, now));
                }));
    }

    /**
     * The same pair again, for a token spent moments ago whose successor is still unused: the
     * successor's secret is derived from the spent one's, and the access token is signed over the
     * same claims (RS256 signatures are deterministic), so nothing new needs storing. Null when it
     * is not such a retry.
     */
    private Uni<TokenPair> retried(Mutiny.Session session, RefreshToken token, Instant now) {
        return session.createNativeQuery("""
                        SELECT s.family_id, s.used_at, s.successor_id FROM refresh_tokens s
                        JOIN refresh_tokens n ON n.user_id = s.user_id AND n.token_id = s.successor_id
                        WHERE s.user_id = :user AND s.token_id = :token AND s.secret_hash = :hash
                          AND s.revoked_at IS NULL AND n.used_at IS NULL AND n.revoked_at IS NULL""", Object[].class)
                .setParameter("user", token.userId())
                .setParameter("token", token.tokenId())
                .setParameter("hash", token.secretHash())
                .getSingleResultOrNull()
                .chain(row -> {
                    if (row == null) {
                        return Uni.createFrom().nullItem();
                    }
                    Instant spentAt = Columns.instant(row[1]);
                    if (now.isAfter(spentAt.plus(config.refreshRetryGrace()))) {
                        return Uni.createFrom().nullItem();
                    }
                    long family = ((Number) row[0]).longValue();
                    RefreshToken next = successors.of(token, ((Number) row[2]).longValue());
                    return accounts.findActive(session, token.userId()).map(user -> user == null || familyEnded(family, now)
                            ? null
                            : pair(user, family, next, spentAt));
                });
    }

    private boolean familyEnded(long family, Instant now) {
        return now.isAfter(Snowflake.timestampOf(family).plus(config.familyLifetime()));
    }

    /** The token was not spendable: if it is a real, already spent one, its family is compromised. */
    private Uni<TokenPair> rejectAndRevokeOnReuse(RefreshToken token) {
        return sessions.withTransaction(session -> session.createNativeQuery("""
                                SELECT family_id FROM refresh_tokens
                                WHERE user_id = :user AND token_id = :token AND secret_hash = :hash AND used_at IS NOT NULL""", Long.class)
                        .setParameter("user", token.userId())
                        .setParameter("token", token.tokenId())
                        .setParameter("hash", token.secretHash())
                        .getSingleResultOrNull()
                        .call(family -> {
                            if (family == null) {
                                return Uni.createFrom().voidItem();
                            }
                            LOG.warnf("Spent refresh token of user %d presented again: revoking its session", token.userId());
                            return revokeFamily(session, token.userId(), family);
                        }))
                .call(family -> family == null ? Uni.createFrom().voidItem() : refuseAccess(List.of(family)))
                .map(x -> {
                    throw ProblemException.unauthorized(BAD_REFRESH);
                });
    }

    private Uni<Integer> revokeFamily(Mutiny.Session session, long userId, long family) {
        return session.createNativeQuery("""
                        UPDATE refresh_tokens SET revoked_at = :now
                        WHERE user_id = :user AND family_id = :family AND revoked_at IS NULL""")
                .setParameter("now", Instant.now())
                .setParameter("user", userId)
                .setParameter("family", family)
                .executeUpdate();
    }

    private Uni<TokenPair> issue(Mutiny.Session session, User user, long family, RefreshToken refresh, Instant at) {
        return session.createNativeQuery("""
                        INSERT INTO refresh_tokens (user_id, token_id, family_id, secret_hash, expires_at)
                        VALUES (:user, :token, :family, :hash, :expires)""")
                .setParameter("user", refresh.userId())
                .setParameter("token", refresh.tokenId())
                .setParameter("family", family)
                .setParameter("hash", refresh.secretHash())
                .setParameter("expires", at.plus(config.refreshTtl()))
                .executeUpdate()
                .map(x -> pair(user, family, refresh, at));
    }

    private TokenPair pair(User user, long family, RefreshToken refresh, Instant at) {
        return TokenPair.of(accessToken(user, family, at, refresh.tokenId()), refresh.toString(), config.accessTtl().toSeconds());
    }

    /**
     * The access token, a function of its claims only (whole seconds; {@code jti} the refresh
     * token issued with it), so that a retried refresh re-signs exactly the same token.
     */
    private String accessToken(User user, long family, Instant at, long tokenId) {
        Instant now = at.truncatedTo(ChronoUnit.SECONDS);
        return Jwt.issuer(config.issuer())
                .audience(config.audience())
                .subject(Long.toString(user.userId))
                .claim("jti", Long.toString(tokenId))
                .upn(user.username)
                .groups(Set.of("user"))
                .claim(Caller.SESSION_CLAIM, Long.toString(family))
                .issuedAt(now)
                .expiresAt(now.plus(config.accessTtl()))
                .jws().keyId(keys.keyId())
                .sign(keys.privateKey());
    }
}
