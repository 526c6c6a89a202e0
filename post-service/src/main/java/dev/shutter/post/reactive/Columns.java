package dev.shutter.post.reactive;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Values of native-query columns as the reactive driver hands them over. */
public final class Columns {

    private Columns() {}

    /** A timestamptz column as an instant (Hibernate Reactive gives an OffsetDateTime, others give other types). */
    public static Instant instant(Object value) {
        return switch (value) {
            case Instant instant -> instant;
            case OffsetDateTime offset -> offset.toInstant();
            case ZonedDateTime zoned -> zoned.toInstant();
            case LocalDateTime local -> local.toInstant(ZoneOffset.UTC);
            case java.util.Date date -> date.toInstant();
            default -> throw new IllegalStateException("not a timestamp: " + value.getClass().getName());
        };
    }
}
