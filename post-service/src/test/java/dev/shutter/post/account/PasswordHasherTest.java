package dev.shutter.post.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shutter.rest.problem.ProblemException;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashesVerify() {
        String hash = hasher.hash("correct horse battery");
        assertThat(hasher.verify("correct horse battery", hash)).isTrue();
        assertThat(hasher.verify("wrong horse battery", hash)).isFalse();
        assertThat(hasher.verify("anything", null)).isFalse();
    }

    @Test
    void withEveryHashSlotBusyACallerIsToldToComeBackInsteadOfPilingUp() throws Exception {
        hasher.slots.acquire(PasswordHasher.CONCURRENT_HASHES);
        try {
            assertThatThrownBy(() -> hasher.verify("correct horse battery", null))
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.status()).isEqualTo(503);
                        assertThat(e.retryAfter()).isNotNull();
                    });
        } finally {
            hasher.slots.release(PasswordHasher.CONCURRENT_HASHES);
        }
        assertThat(hasher.verify("x", hasher.hash("x"))).isTrue();
    }
}
