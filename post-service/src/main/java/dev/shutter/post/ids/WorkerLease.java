package dev.shutter.post.ids;

import dev.shutter.ids.Snowflake;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * This instance's worker identity for IDs: one of the {@value #LEASABLE} the layout gives
 * instances, leased in {@code id_workers} at start (one whose lease ran out, or a free one), renewed
 * every few seconds, released at shutdown. Lease times are the database's. An instance that
 * finds its lease taken, or cannot renew it before it runs out, stops: another instance may be
 * issuing its IDs by then, and the platform restarts it with a fresh lease.
 */
@Startup
@Singleton
public class WorkerLease {

    /**
     * Workers instances lease: all but the last, which is kept for tools that write rows straight
     * into the database (benchmarks, test fixtures), so they never collide with a running instance.
     */
    public static final int LEASABLE = Snowflake.WORKER_COUNT - 1;

    private static final Logger LOG = Logger.getLogger(WorkerLease.class);

    private final AgroalDataSource database;
    private final Duration lease;
    private final String holder;
    private final int worker;
    private volatile long renewedAtNanos;

    WorkerLease(AgroalDataSource database, @ConfigProperty(name = "shutter.ids.worker-lease", defaultValue = "60s") Duration lease) {
        this.database = database;
        this.lease = lease;
        this.holder = holderName();
        this.worker = acquire();
        this.renewedAtNanos = System.nanoTime();
        LOG.infof("Leased ID worker %d (%s)", worker, holder);
    }

    public int worker() {
        return worker;
    }

    private int acquire() {
        int start = ThreadLocalRandom.current().nextInt(LEASABLE);
        try (Connection connection = database.getConnection()) {
            for (int i = 0; i < LEASABLE; i++) {
                int candidate = (start + i) % LEASABLE;
                if (takeOver(connection, candidate) || claimFree(connection, candidate)) {
                    return candidate;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not lease an ID worker: " + e.getMessage(), e);
        }
        throw new IllegalStateException("all " + LEASABLE + " ID workers are leased by running instances");
    }

    private boolean takeOver(Connection connection, int candidate) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE id_workers SET holder = ?, expires_at = now() + ? * interval '1 millisecond'
                WHERE worker_id = ? AND expires_at < now()""")) {
            update.setString(1, holder);
            update.setLong(2, lease.toMillis());
            update.setInt(3, candidate);
            return update.executeUpdate() == 1;
        }
    }

    private boolean claimFree(Connection connection, int candidate) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO id_workers (worker_id, holder, expires_at) VALUES (?, ?, now() + ? * interval '1 millisecond')
                ON CONFLICT (worker_id) DO NOTHING""")) {
            insert.setInt(1, candidate);
            insert.setString(2, holder);
            insert.setLong(3, lease.toMillis());
            return insert.executeUpdate() == 1;
        }
    }

    @Scheduled(every = "${shutter.ids.worker-renew-every:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void renew() {
        try (Connection connection = database.getConnection(); PreparedStatement renew = connection.prepareStatement("""
                UPDATE id_workers SET expires_at = now() + ? * interval '1 millisecond' WHERE worker_id = ? AND holder = ?""")) {
            renew.setLong(1, lease.toMillis());
            renew.setInt(2, worker);
            renew.setString(3, holder);
            if (renew.executeUpdate() == 1) {
                renewedAtNanos = System.nanoTime();
                return;
            }
            stop("ID worker " + worker + " was leased by another instance");
        } catch (SQLException e) {
            Duration since = Duration.ofNanos(System.nanoTime() - renewedAtNanos);
            LOG.warnf("Could not renew ID worker %d (last renewed %s ago): %s", worker, since, e.getMessage());
            // Stop while the lease still holds, leaving a margin for clocks and the renewal period.
            if (since.compareTo(lease.multipliedBy(3).dividedBy(4)) > 0) {
                stop("ID worker " + worker + " could not be renewed for " + since);
            }
        }
    }

    void release(@Observes ShutdownEvent shutdown) {
        try (Connection connection = database.getConnection();
                PreparedStatement release = connection.prepareStatement("DELETE FROM id_workers WHERE worker_id = ? AND holder = ?")) {
            release.setInt(1, worker);
            release.setString(2, holder);
            release.executeUpdate();
        } catch (SQLException e) {
            LOG.warnf("Could not release ID worker %d (its lease runs out by itself): %s", worker, e.getMessage());
        }
    }

    private void stop(String why) {
        LOG.errorf("%s: stopping, so no ID is issued twice", why);
        Quarkus.asyncExit(1);
    }

    private static String holderName() {
        String host = System.getenv().getOrDefault("HOSTNAME", "local");
        return host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID();
    }
}
