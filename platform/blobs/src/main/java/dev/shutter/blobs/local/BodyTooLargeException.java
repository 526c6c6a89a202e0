package dev.shutter.blobs.local;

import java.io.IOException;

/** A request body went past the size its signed URL allows. */
public class BodyTooLargeException extends IOException {

    public BodyTooLargeException(long maxBytes) {
        super("body exceeds the limit of " + maxBytes + " bytes");
    }
}
