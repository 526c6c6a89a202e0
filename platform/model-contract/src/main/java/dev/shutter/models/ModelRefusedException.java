package dev.shutter.models;

/** A version that would replace a better one, published without {@code force}. */
public final class ModelRefusedException extends Exception {

    public ModelRefusedException(String message) {
        super(message);
    }
}
