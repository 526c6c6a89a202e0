package dev.shutter.rest.auth;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A service that fetches the token keys from post-service's JWKS over the network must do so over
 * HTTPS outside development and tests (on Google Cloud it crosses the load balancer): whoever could
 * tamper with plain HTTP could hand it their own key and sign any token. Loopback (the local stack)
 * is allowed; anything else over plain HTTP stops the start with a clear message.
 */
@ApplicationScoped
public class KeySetLocationCheck {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final Optional<String> location;

    KeySetLocationCheck(@ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> location) {
        this.location = location;
    }

    void check(@Observes StartupEvent startup) {
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            requireSafe(location);
        }
    }

    static void requireSafe(Optional<String> location) {
        if (location.isEmpty() || !location.get().startsWith("http://")) {
            return;
        }
        String host = URI.create(location.get()).getHost();
        if (host == null || !LOOPBACK.contains(host)) {
            throw new IllegalStateException("mp.jwt.verify.publickey.location must be https:// (was " + location.get()
                    + "): token keys fetched over plain HTTP could be replaced in transit");
        }
    }
}
