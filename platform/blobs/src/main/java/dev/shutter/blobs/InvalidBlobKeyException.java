package dev.shutter.blobs;

/** A string that is not a valid {@link BlobKey} (or key prefix); the message says which rule it breaks. */
public class InvalidBlobKeyException extends IllegalArgumentException {

    public InvalidBlobKeyException(String message) {
        super(message);
    }
}
