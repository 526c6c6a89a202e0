package dev.shutter.post.reactive;

import io.vertx.pgclient.PgException;
import java.sql.SQLException;

/** Reading database failures that callers answer differently (a duplicate key is a 409, not a 500). */
public final class Database {

    private static final String UNIQUE_VIOLATION = "23505";

    private Database() {}

    /** Whether the failure is a unique-key violation of one of the named indexes. */
    public static boolean isUniqueViolation(Throwable failure, String... indexes) {
        for (String index : indexes) {
            if (isUniqueViolation(failure, index)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the failure is a unique-key violation of the named index. */
    public static boolean isUniqueViolation(Throwable failure, String index) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // Hibernate Reactive reports it as a SQLException; the Vert.x client underneath as a PgException.
            boolean unique = cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())
                    || cause instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
            if (unique && String.valueOf(cause.getMessage()).contains("\"" + index + "\"")) {
                return true;
            }
        }
        return false;
    }
}
