package dev.shutter.blobs.media;

/**
 * Which accounts are public right now, as the media gate asks it for every unsigned request.
 * post-service keeps the answer (in Redis locally); an account it does not know as public is
 * private, so a lost or stale index can only refuse public media, never show private ones.
 */
public interface PublicAccounts {

    /** @throws Unavailable when the index cannot be asked; the gate then refuses unsigned requests */
    boolean isPublic(long userId) throws Unavailable;

    final class Unavailable extends Exception {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
