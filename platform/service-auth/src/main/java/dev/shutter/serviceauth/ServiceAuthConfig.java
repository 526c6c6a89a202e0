package dev.shutter.serviceauth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** How services prove who they are to each other ({@code shutter.service-auth.*}), one declaration for caller and callee. */
@ConfigMapping(prefix = "shutter.service-auth")
public interface ServiceAuthConfig {

    enum Mode {
        /** Tokens HMAC-signed with a key file the services share (one machine, tests). */
        LOCAL,
        /** Google-signed ID tokens of the calling service account (Cloud Run). */
        GOOGLE
    }

    @WithDefault("local")
    Mode mode();

    /** LOCAL: the shared key (hex, 32 bytes), created by whichever service starts first. */
    Optional<Path> keyFile();

    /** The called service's name (LOCAL) or URL (GOOGLE): the tokens' audience. */
    @WithDefault("post-service")
    String audience();

    /** This service's name, as a caller (LOCAL). */
    @WithDefault("${quarkus.application.name}")
    String caller();

    /** GOOGLE: the service accounts allowed to call (their e-mail addresses). */
    Optional<Set<String>> allowedCallers();

    /** GOOGLE: where Google's signing keys are published. */
    @WithDefault("https://www.googleapis.com/oauth2/v3/certs")
    String googleKeysUrl();
}
