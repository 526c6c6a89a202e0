package dev.shutter.blobs.local;

import java.io.IOException;

/**
 * A put that the local store cannot hold: a filesystem path cannot be a file and a directory at
 * once, so an object {@code a} and an object {@code a/b} cannot both exist here, although they can
 * in GCS. Pick keys where no object's key is a folder of another's.
 */
public class PrefixConflictException extends IOException {

    public PrefixConflictException(String message) {
        super(message);
    }
}
