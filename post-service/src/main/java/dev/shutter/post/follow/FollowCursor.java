package dev.shutter.post.follow;

import dev.shutter.rest.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Where a list of follow edges stopped: the last edge's time and the listed account's ID. Lists
 * run newest first and the ID breaks ties, so the next page starts strictly after this one and
 * edges added meanwhile never repeat or shift what is left. Opaque to clients: base64url of the
 * time in microseconds (the column's precision, so it round-trips exactly) and the ID.
 */
public record FollowCursor(Instant at, long userId) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    public String encode() {
        String plain = ChronoUnit.MICROS.between(Instant.EPOCH, at) + ":" + userId;
        return ENCODER.encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads a cursor this service issued; anything else is a 400. */
    public static FollowCursor decode(String cursor) {
        try {
            String[] parts = new String(DECODER.decode(cursor), StandardCharsets.US_ASCII).split(":", -1);
            if (parts.length != 2) {
                throw malformed();
            }
            return new FollowCursor(Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS), Long.parseLong(parts[1]));
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            throw malformed();
        }
    }

    private static ProblemException malformed() {
        return ProblemException.badRequest("The cursor is not one this list issued.");
    }
}
