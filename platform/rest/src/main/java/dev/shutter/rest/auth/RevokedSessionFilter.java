package dev.shutter.rest.auth;

import dev.shutter.rest.problem.ProblemException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses access tokens of revoked sessions (logged out, erased, a stolen refresh family) within
 * a request of the revocation, instead of letting them live out their 15 minutes. Requests
 * without a valid token pass through unchanged: the endpoints decide about those. If Redis cannot
 * be asked the token is accepted (its signature and expiry still hold), and that is logged.
 */
public class RevokedSessionFilter {

    private static final Logger LOG = Logger.getLogger(RevokedSessionFilter.class);
    private static final long WARN_EVERY_MILLIS = 10_000;

    private final CurrentIdentityAssociation identities;
    private final SessionRevocations revocations;
    private final AtomicLong lastWarning = new AtomicLong();

    RevokedSessionFilter(CurrentIdentityAssociation identities, SessionRevocations revocations) {
        this.identities = identities;
        this.revocations = revocations;
    }

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    public Uni<Response> refuseRevoked() {
        return identities.getDeferredIdentity()
                .onFailure().recoverWithNull()
                .chain(identity -> {
                    if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
                        return Uni.createFrom().nullItem();
                    }
                    Object session = token.getClaim(Caller.SESSION_CLAIM);
                    if (session == null) {
                        return Uni.createFrom().nullItem();
                    }
                    return revocations.isRevoked(Long.parseLong(session.toString()))
                            .onFailure().recoverWithItem(failure -> {
                                warn(failure);
                                return false;
                            })
                            .map(revoked -> {
                                if (revoked) {
                                    throw ProblemException.unauthorized("This session has ended; sign in again.");
                                }
                                return null;
                            });
                });
    }

    private void warn(Throwable failure) {
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if (now - last > WARN_EVERY_MILLIS && lastWarning.compareAndSet(last, now)) {
            LOG.warnf("Revoked sessions not checked, Redis failed: %s", failure.getMessage());
        }
    }
}
