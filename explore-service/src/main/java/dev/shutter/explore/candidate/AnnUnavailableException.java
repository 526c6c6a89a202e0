package dev.shutter.explore.candidate;

/** The index cannot answer now; Explore falls back to trending. */
public class AnnUnavailableException extends RuntimeException {

    public AnnUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
