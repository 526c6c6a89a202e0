package dev.shutter.contracts.redis;

/**
 * Redis keys that more than one service touches, each with its writer and its readers. Keys only
 * one service uses are that service's own (feed-service's {@code TimelineKeys}, for instance).
 */
public final class SharedRedisKeys {

    private SharedRedisKeys() {}

    /**
     * {@code engagement:{postId}}: the post's engagement score, a decimal number in [0, 1].
     * Written by explore-service; read by feed-service's ranking overlay (absent reads as 0).
     */
    public static String engagement(long postId) {
        return "engagement:" + postId;
    }

    /**
     * {@code account:public:{userId}}: present (value "1") while the account is public. Written by
     * post-service (on sign-up, on every privacy change, and rebuilt whole when {@link
     * #publicAccountsBuilt()} is missing); read by the media gate, which serves an account's media
     * unsigned only while this key exists. Absent means private: a lost key can only refuse
     * public media, never show private ones.
     */
    public static String publicAccount(long userId) {
        return "account:public:" + userId;
    }

    /**
     * {@code session:revoked:{sessionId}}: present while access tokens of the session (a login,
     * the {@code sid} claim) may still be unexpired after it was revoked (logout, a stolen refresh
     * token, erasure). Written by post-service with the access tokens' lifetime as TTL; read by
     * every service that verifies access tokens, which refuses them from then on.
     */
    public static String revokedSession(long sessionId) {
        return "session:revoked:" + sessionId;
    }

    /** Present once every public account's {@link #publicAccount} key was written (post-service). */
    public static String publicAccountsBuilt() {
        return "account:public:built";
    }
}
