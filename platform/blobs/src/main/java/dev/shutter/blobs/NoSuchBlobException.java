package dev.shutter.blobs;

import java.io.IOException;

/** The object asked for does not exist. */
public class NoSuchBlobException extends IOException {

    private final BlobKey key;

    public NoSuchBlobException(BlobKey key) {
        super("no such blob: " + key);
        this.key = key;
    }

    public BlobKey key() {
        return key;
    }
}
