package dev.shutter.post.profile;

import dev.shutter.contracts.events.EventTypes;
import dev.shutter.contracts.redis.SharedRedisKeys;
import dev.shutter.post.reactive.IsolatedContext;
import dev.shutter.redis.RedisScript;
import dev.shutter.wiring.Subscriptions;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Which accounts are public, kept in Redis for the media gate ({@link
 * SharedRedisKeys#publicAccount}): {@code {privacyVersion}:1} for a public account, {@code
 * {privacyVersion}:0} for a private one, written only over an older version, so a late or
 * replayed change never undoes a newer one. Updated on every {@code privacy.changed} from the
 * account's row (the truth, whatever order events arrive in); rebuilt whole when Redis has lost
 * it ({@link SharedRedisKeys#publicAccountsBuilt} missing), checked at start and every minute.
 * A missing key is a private account to the gate, so losing the index hides public media for a
 * while and never shows private ones.
 */
@ApplicationScoped
public class PublicAccountsIndex {

    static final String SUBSCRIPTION = "post-service-public-accounts";
    private static final Logger LOG = Logger.getLogger(PublicAccountsIndex.class);
    private static final int REBUILD_PAGE = 1000;
    private static final RedisScript SET_IF_NEWER = new RedisScript("""
            local current = redis.call('GET', KEYS[1])
            if current then
              local version = tonumber(string.match(current, '^(%d+):'))
              if version and version > tonumber(ARGV[1]) then return 0 end
            end
            redis.call('SET', KEYS[1], ARGV[1] .. ':' .. ARGV[2])
            return 1
            """);

    private final Mutiny.SessionFactory sessions;
    private final Redis redis;
    private final Subscriptions subscriptions;
    private final Vertx vertx;
    private final AtomicBoolean rebuilding = new AtomicBoolean();

    PublicAccountsIndex(Mutiny.SessionFactory sessions, Redis redis, Subscriptions subscriptions, Vertx vertx) {
        this.sessions = sessions;
        this.redis = redis;
        this.subscriptions = subscriptions;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent startup) {
        subscriptions.keep(EventTypes.PRIVACY_CHANGED, SUBSCRIPTION,
                event -> IsolatedContext.run(vertx, () -> refresh(event.payload().getUserId())));
    }

    /** Writes the account's current privacy (or removes it when the account is gone or being erased). */
    public Uni<Void> refresh(long userId) {
        return sessions.withSession(session -> session.createNativeQuery(
                                "SELECT is_private, privacy_version FROM users WHERE user_id = :id AND erasure_requested_at IS NULL",
                                Object[].class)
                        .setParameter("id", userId)
                        .getResultList())
                .chain(rows -> rows.isEmpty()
                        ? remove(userId)
                        : write(userId, ((Number) rows.getFirst()[1]).longValue(), !(Boolean) rows.getFirst()[0]));
    }

    /** Removes an account from the index (erasure): it is private to the gate from now on. */
    public Uni<Void> remove(long userId) {
        return redis.send(Request.cmd(Command.DEL).arg(SharedRedisKeys.publicAccount(userId))).replaceWithVoid();
    }

    private Uni<Void> write(long userId, long version, boolean isPublic) {
        return SET_IF_NEWER.send(redis, SET_IF_NEWER.call(SharedRedisKeys.publicAccount(userId), version, isPublic ? 1 : 0))
                .replaceWithVoid();
    }

    @Scheduled(every = "${shutter.public-accounts.check-every:60s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> rebuildIfLost() {
        return redis.send(Request.cmd(Command.EXISTS).arg(SharedRedisKeys.publicAccountsBuilt()))
                .chain(built -> built.toInteger() == 1 || !rebuilding.compareAndSet(false, true)
                        ? Uni.createFrom().voidItem()
                        : rebuild().eventually(() -> rebuilding.set(false)))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Public-accounts index not checked: %s", failure.getMessage());
                    return null;
                });
    }

    /** Writes every active account's privacy, a page at a time, then marks the index built. */
    public Uni<Void> rebuild() {
        LOG.info("Rebuilding the public-accounts index");
        return page(0, 0).chain(count -> redis.send(Request.cmd(Command.SET).arg(SharedRedisKeys.publicAccountsBuilt()).arg("1"))
                .invoke(() -> LOG.infof("Public-accounts index rebuilt: %d accounts", count))
                .replaceWithVoid());
    }

    private Uni<Long> page(long afterUserId, long countSoFar) {
        return sessions.withSession(session -> session.createNativeQuery("""
                                SELECT user_id, is_private, privacy_version FROM users
                                WHERE user_id > :after AND erasure_requested_at IS NULL
                                ORDER BY user_id LIMIT :limit""", Object[].class)
                        .setParameter("after", afterUserId)
                        .setParameter("limit", REBUILD_PAGE)
                        .getResultList())
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().item(countSoFar);
                    }
                    List<Request> writes = new ArrayList<>(rows.size());
                    for (Object[] row : rows) {
                        writes.add(SET_IF_NEWER.call(SharedRedisKeys.publicAccount(((Number) row[0]).longValue()),
                                ((Number) row[2]).longValue(), (Boolean) row[1] ? 0 : 1));
                    }
                    long last = ((Number) rows.getLast()[0]).longValue();
                    return RedisScript.pipeline(redis, writes, SET_IF_NEWER)
                            .chain(() -> rows.size() < REBUILD_PAGE
                                    ? Uni.createFrom().item(countSoFar + rows.size())
                                    : page(last, countSoFar + rows.size()));
                });
    }
}
