package dev.shutter.rest.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeySetLocationCheckTest {

    @Test
    void plainHttpIsOnlyForLoopback() {
        assertThatCode(() -> KeySetLocationCheck.requireSafe(Optional.of("https://api.shutter.dev/.well-known/jwks.json")))
                .doesNotThrowAnyException();
        assertThatCode(() -> KeySetLocationCheck.requireSafe(Optional.of("http://127.0.0.1:8081/.well-known/jwks.json")))
                .doesNotThrowAnyException();
        assertThatCode(() -> KeySetLocationCheck.requireSafe(Optional.of("/keys/jwks.json"))).doesNotThrowAnyException();
        assertThatCode(() -> KeySetLocationCheck.requireSafe(Optional.empty())).doesNotThrowAnyException();
        assertThatThrownBy(() -> KeySetLocationCheck.requireSafe(Optional.of("http://post-service.internal/.well-known/jwks.json")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("https://");
    }
}
