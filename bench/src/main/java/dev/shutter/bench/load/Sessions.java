package dev.shutter.bench.load;

import java.time.Duration;

/**
 * Keeps access tokens (15 minutes) fresh over a long run by signing in again before they
 * expire; a sign-in is an Argon2 hash, so it is done rarely and measured like any call.
 */
final class Sessions {

    static final Duration RENEW_AFTER = Duration.ofMinutes(12);

    private final ApiClient api;

    Sessions(ApiClient api) {
        this.api = api;
    }

    String signIn(String username) {
        ApiClient.Answer answer = api.call("POST /v1/sessions", "POST", "/v1/sessions", null,
                java.util.Map.of("username", username, "password", Network.PASSWORD));
        if (!answer.ok()) {
            throw new IllegalStateException("sign-in of " + username + " answered " + answer.status() + " " + answer.body());
        }
        return answer.body().path("accessToken").asText();
    }

    String tokenOf(Account account) {
        if (System.nanoTime() - account.tokenIssuedNanos > RENEW_AFTER.toNanos()) {
            synchronized (account) {
                if (System.nanoTime() - account.tokenIssuedNanos > RENEW_AFTER.toNanos()) {
                    account.accessToken = signIn(account.username);
                    account.tokenIssuedNanos = System.nanoTime();
                }
            }
        }
        return account.accessToken;
    }
}
