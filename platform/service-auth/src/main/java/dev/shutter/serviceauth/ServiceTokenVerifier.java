package dev.shutter.serviceauth;

/** Checks a presented service token; answers the calling service, or throws when the token is not valid. */
public interface ServiceTokenVerifier {

    String verify(String token) throws InvalidServiceToken;

    final class InvalidServiceToken extends Exception {
        public InvalidServiceToken(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
