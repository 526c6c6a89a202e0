package dev.shutter.blobs.local;

import java.io.IOException;

/**
 * The object was written, but its finalize event did not reach the broker, so the put failed.
 * Retry the put: it writes the object again and publishes a new event (at least once).
 */
public class FinalizeNotPublishedException extends IOException {

    public FinalizeNotPublishedException(String message, Throwable cause) {
        super(message, cause);
    }
}
