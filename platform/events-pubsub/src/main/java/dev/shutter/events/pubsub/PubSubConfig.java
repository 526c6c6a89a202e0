package dev.shutter.events.pubsub;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * How {@link PubSubEventBus} reaches Pub/Sub.
 *
 * @param projectId the Google Cloud project that owns the topics and subscriptions
 * @param emulatorHost {@code host:port} of a Pub/Sub emulator (or {@code PubSubFake}) reached over
 *     plaintext without credentials; {@code null} or blank means the {@value #EMULATOR_HOST_ENV}
 *     environment variable, and without it Google Cloud itself with application default credentials
 * @param provision whether subscribing creates missing topics and subscriptions (locally and in
 *     tests); on Google Cloud Terraform creates them and this is {@code false}
 */
public record PubSubConfig(String projectId, String emulatorHost, boolean provision) {

    /** The variable the Google client libraries read for an emulator, honoured here as well. */
    public static final String EMULATOR_HOST_ENV = "PUBSUB_EMULATOR_HOST";

    public PubSubConfig {
        if (projectId == null || projectId.isBlank()) {
            throw new IllegalArgumentException("projectId must not be blank");
        }
        emulatorHost = emulatorHost == null || emulatorHost.isBlank() ? null : emulatorHost.strip();
    }

    /** Google Cloud: topics and subscriptions exist already. */
    public static PubSubConfig cloud(String projectId) {
        return new PubSubConfig(projectId, null, false);
    }

    /** An emulator at {@code host} ({@code host:port}), creating what subscriptions need. */
    public static PubSubConfig emulator(String projectId, String host) {
        return new PubSubConfig(projectId, host, true);
    }

    /** The emulator to use, if any: {@link #emulatorHost}, else {@value #EMULATOR_HOST_ENV}. */
    public Optional<String> resolvedEmulatorHost() {
        return resolvedEmulatorHost(System::getenv);
    }

    Optional<String> resolvedEmulatorHost(UnaryOperator<String> environment) {
        if (emulatorHost != null) {
            return Optional.of(emulatorHost);
        }
        String fromEnvironment = environment.apply(EMULATOR_HOST_ENV);
        return fromEnvironment == null || fromEnvironment.isBlank() ? Optional.empty() : Optional.of(fromEnvironment.strip());
    }
}
