package dev.shutter.serviceauth;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Set;

/** The credentials and the verifier the configuration names ({@link ServiceAuthConfig#mode()}), as beans. */
public class ServiceAuthentication {

    @Produces
    @Singleton
    ServiceCredentials credentials(ServiceAuthConfig config) {
        return switch (config.mode()) {
            case LOCAL -> local(config);
            case GOOGLE -> new GoogleIdTokens(config.audience());
        };
    }

    @Produces
    @Singleton
    ServiceTokenVerifier verifier(ServiceAuthConfig config) {
        return switch (config.mode()) {
            case LOCAL -> local(config);
            case GOOGLE -> new GoogleIdTokenVerifier(config.googleKeysUrl(), config.audience(),
                    config.allowedCallers().orElse(Set.of()));
        };
    }

    private static LocalServiceTokens local(ServiceAuthConfig config) {
        return new LocalServiceTokens(ServiceTokenKey.loadOrCreate(config.keyFile().orElseThrow(() -> new IllegalStateException(
                "shutter.service-auth.key-file is required with shutter.service-auth.mode=local"))), config.caller(), config.audience());
    }
}
