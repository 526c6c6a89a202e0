package dev.shutter.post.outbox;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Which parts of the outbox this relay owns. Each relay announces itself, then takes its share
 * of the {@value Outbox#PARTS} parts (free ones or expired leases), renews what it holds and
 * hands back what is beyond its share, so a relay that starts beside others gets parts within
 * one lease, and a relay that dies loses its parts when its leases run out.
 */
@ApplicationScoped
class OutboxLeases {

    private static final Logger LOG = Logger.getLogger(OutboxLeases.class);

    private final Mutiny.SessionFactory sessions;
    private final OutboxConfig config;
    private final String owner = "relay-" + UUID.randomUUID().toString().substring(0, 13);
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    /** When the parts last renewed stop being ours for certain (nanoTime), with a margin for clock and pauses. */
    private volatile long validUntilNanos;

    OutboxLeases(Mutiny.SessionFactory sessions, OutboxConfig config) {
        this.sessions = sessions;
        this.config = config;
    }

    String owner() {
        return owner;
    }

    /** The parts this relay may publish from now; empty when its leases may have lapsed. */
    List<Integer> parts() {
        return System.nanoTime() - validUntilNanos < 0 ? List.copyOf(owned) : List.of();
    }

    /** Renews, claims up to the share and hands back the excess; answers the parts owned. */
    Uni<List<Integer>> renew() {
        long started = System.nanoTime();
        double seconds = config.lease().toMillis() / 1000.0;
        return sessions.withTransaction(session -> session.createNativeQuery("""
                                INSERT INTO outbox_relays (owner, alive_until) VALUES (:owner, now() + make_interval(secs => :lease))
                                ON CONFLICT (owner) DO UPDATE SET alive_until = EXCLUDED.alive_until""")
                        .setParameter("owner", owner)
                        .setParameter("lease", seconds)
                        .executeUpdate()
                        .chain(() -> session.createNativeQuery(
                                        "SELECT count(*) FROM outbox_relays WHERE alive_until > now()", Long.class)
                                .getSingleResult()))
                .chain(relays -> claim(share(relays), seconds))
                .invoke(parts -> {
                    if (!parts.equals(List.copyOf(owned)) && !(parts.isEmpty() && owned.isEmpty())) {
                        LOG.infof("Outbox relay %s owns parts %s", owner, parts);
                    }
                    owned.clear();
                    owned.addAll(parts);
                    // A third of the lease as margin: renewals come every third of it.
                    validUntilNanos = started + config.lease().toNanos() * 2 / 3;
                });
    }

    private static int share(long relays) {
        return (int) Math.ceilDiv(Outbox.PARTS, Math.max(1, relays));
    }

    /** Keeps the lowest {@code share} of the parts this relay holds or can take; frees the rest of its own. */
    private Uni<List<Integer>> claim(int share, double seconds) {
        return sessions.withTransaction(session -> session.createNativeQuery("""
                                UPDATE outbox_leases SET owner = :owner, lease_until = now() + make_interval(secs => :lease)
                                WHERE part IN (SELECT part FROM outbox_leases
                                               WHERE owner = :owner OR lease_until <= now()
                                               ORDER BY CASE WHEN owner = :owner THEN 0 ELSE 1 END, part LIMIT :share)
                                  AND (owner = :owner OR lease_until <= now())
                                RETURNING part""", Short.class)
                        .setParameter("owner", owner)
                        .setParameter("lease", seconds)
                        .setParameter("share", share)
                        .getResultList()
                        .chain(kept -> session.createNativeQuery("""
                                        UPDATE outbox_leases SET lease_until = '-infinity'
                                        WHERE owner = :owner AND part NOT IN (:kept)""")
                                .setParameter("owner", owner)
                                .setParameter("kept", kept.isEmpty() ? List.of((short) -1) : kept)
                                .executeUpdate()
                                .replaceWith(kept)))
                .map(kept -> kept.stream().map(Short::intValue).sorted().toList());
    }

    /** Hands every part back and leaves (at shutdown), so another relay takes over at once. */
    Uni<Void> release() {
        owned.clear();
        validUntilNanos = System.nanoTime();
        return sessions.withTransaction(session -> session.createNativeQuery(
                                "UPDATE outbox_leases SET lease_until = '-infinity' WHERE owner = :owner")
                        .setParameter("owner", owner)
                        .executeUpdate()
                        .chain(() -> session.createNativeQuery("DELETE FROM outbox_relays WHERE owner = :owner OR alive_until < now() - interval '1 hour'")
                                .setParameter("owner", owner)
                                .executeUpdate()))
                .replaceWithVoid();
    }
}
