package dev.shutter.post.session;

import dev.shutter.ids.IdGenerator;
import dev.shutter.ids.Snowflake;
import dev.shutter.post.account.AccountService;
import dev.shutter.post.account.PasswordHasher;
import dev.shutter.post.account.User;
import dev.shutter.rest.auth.Caller;
import dev.shutter.post.reactive.Offload;
import dev.shutter.rest.problem.ProblemException;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Set;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Sign-in, refresh and sign-out. Refresh tokens are single use: each refresh spends the token
 * and issues the next of its family; presenting a spent token means it was stolen or replayed,
 * so the whole family is revoked.
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

    SessionService(Mutiny.SessionFactory sessions, AccountService accounts, PasswordHasher hasher, SigningKeys keys,
            JwtConfig config, IdGenerator ids) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.hasher = hasher;
        this.keys = keys;
        this.config = config;
        this.ids = ids;
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
                    return issue(session, user, family);
                }));
    }

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
                        .chain(spent -> spent == 1 ? rotate(session, token) : Uni.createFrom().item((TokenPair) null)))
                .chain(pair -> pair != null ? Uni.createFrom().item(pair) : rejectAndRevokeOnReuse(token));
    }

    public Uni<Void> signOut(long userId, long family) {
        return sessions.withTransaction(session -> revokeFamily(session, userId, family)).replaceWithVoid();
    }

    /** Revokes every refresh token of the user (erasure). */
    public Uni<Void> revokeAll(Mutiny.Session session, long userId) {
        return session.createNativeQuery("UPDATE refresh_tokens SET revoked_at = :now WHERE user_id = :user AND revoked_at IS NULL")
                .setParameter("now", Instant.now())
                .setParameter("user", userId)
                .executeUpdate()
                .replaceWithVoid();
    }

    private Uni<TokenPair> rotate(Mutiny.Session session, RefreshToken spent) {
        return session.createNativeQuery("SELECT family_id FROM refresh_tokens WHERE user_id = :user AND token_id = :token", Long.class)
                .setParameter("user", spent.userId())
                .setParameter("token", spent.tokenId())
                .getSingleResult()
                .chain(family -> accounts.findActive(session, spent.userId()).chain(user -> {
                    if (user == null) {
                        throw ProblemException.unauthorized(BAD_REFRESH);
                    }
                    return issue(session, user, family);
                }));
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
                        .chain(family -> {
                            if (family == null) {
                                return Uni.createFrom().voidItem();
                            }
                            LOG.warnf("Spent refresh token of user %d presented again: revoking its session", token.userId());
                            return revokeFamily(session, token.userId(), family).replaceWithVoid();
                        }))
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

    private Uni<TokenPair> issue(Mutiny.Session session, User user, long family) {
        Instant now = Instant.now();
        RefreshToken refresh = RefreshToken.mint(user.userId, ids.next(Snowflake.shardForOwner(user.userId)));
        return session.createNativeQuery("""
                        INSERT INTO refresh_tokens (user_id, token_id, family_id, secret_hash, expires_at)
                        VALUES (:user, :token, :family, :hash, :expires)""")
                .setParameter("user", refresh.userId())
                .setParameter("token", refresh.tokenId())
                .setParameter("family", family)
                .setParameter("hash", refresh.secretHash())
                .setParameter("expires", now.plus(config.refreshTtl()))
                .executeUpdate()
                .map(x -> TokenPair.of(accessToken(user, family, now), refresh.toString(), config.accessTtl().toSeconds()));
    }

    private String accessToken(User user, long family, Instant now) {
        return Jwt.issuer(config.issuer())
                .subject(Long.toString(user.userId))
                .upn(user.username)
                .groups(Set.of("user"))
                .claim(Caller.SESSION_CLAIM, Long.toString(family))
                .issuedAt(now)
                .expiresAt(now.plus(config.accessTtl()))
                .jws().keyId(keys.keyId())
                .sign(keys.privateKey());
    }
}
