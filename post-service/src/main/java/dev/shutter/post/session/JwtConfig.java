package dev.shutter.post.session;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/** Token settings. */
@ConfigMapping(prefix = "shutter.jwt")
public interface JwtConfig {

    @WithDefault("https://shutter.dev")
    String issuer();

    /** Holds jwt-private.pem (PKCS#8) and jwt-public.pem (X.509); on Google Cloud, a mounted secret. */
    Path keyDir();

    /** Generate the key pair on first start when the files are missing (local use; off in prod). */
    @WithDefault("true")
    boolean generateIfMissing();

    @WithDefault("15m")
    Duration accessTtl();

    @WithDefault("7d")
    Duration refreshTtl();

    /** {@code aud} of access tokens; every service that verifies them checks it ({@code mp.jwt.verify.audiences}). */
    @WithDefault("shutter-api")
    String audience();

    /** A login (refresh-token family) ends this long after it began, however often it is refreshed. */
    @WithDefault("30d")
    Duration familyLifetime();

    /**
     * A refresh presented again this soon after it was spent (the client lost the answer and
     * retried) gets the same new pair back instead of revoking the login.
     */
    @WithDefault("10s")
    Duration refreshRetryGrace();
}
