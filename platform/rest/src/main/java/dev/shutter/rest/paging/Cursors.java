package dev.shutter.rest.paging;

import dev.shutter.rest.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * The one cursor codec: a cursor is base64url of a kind and some numbers ({@code kind:n1:n2}),
 * opaque to clients so its content can change without breaking anyone. The kind names the list
 * (and the version of its position), so a cursor of one list is refused by another. A cursor that
 * does not decode as expected is a 400.
 */
public final class Cursors {

    private Cursors() {}

    /** Encodes a position: its fields after a kind prefix. */
    public static String encode(String kind, long... fields) {
        StringBuilder position = new StringBuilder(kind);
        for (long field : fields) {
            position.append(':').append(field);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor's fields, checked to be of this kind and count. */
    public static long[] decode(String cursor, String kind, int fieldCount) {
        String[] parts = parts(cursor);
        if (parts.length != fieldCount + 1 || !parts[0].equals(kind)) {
            throw badCursor();
        }
        long[] fields = new long[fieldCount];
        try {
            for (int i = 0; i < fieldCount; i++) {
                fields[i] = Long.parseLong(parts[i + 1]);
            }
        } catch (NumberFormatException e) {
            throw badCursor();
        }
        return fields;
    }

    /** A time as a cursor field: microseconds since the epoch (timestamp columns' precision, so it round-trips). */
    public static long micros(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }

    /** A cursor field written by {@link #micros}; a 400 when it is no time at all. */
    public static Instant instantOfMicros(long micros) {
        try {
            return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
        } catch (ArithmeticException | DateTimeException e) {
            throw badCursor();
        }
    }

    /** The kind a cursor was encoded with, for lists whose cursors come in several kinds. */
    public static String kindOf(String cursor) {
        return parts(cursor)[0];
    }

    private static String[] parts(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":", -1);
        } catch (IllegalArgumentException e) {
            throw badCursor();
        }
    }

    private static ProblemException badCursor() {
        return ProblemException.badRequest("cursor is not a cursor this list gave out.");
    }
}
