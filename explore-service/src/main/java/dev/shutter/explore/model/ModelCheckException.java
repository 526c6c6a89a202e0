package dev.shutter.explore.model;

/** A version that failed its checks (signature, golden set, warm-up); the active one keeps serving. */
public class ModelCheckException extends Exception {

    public ModelCheckException(String message) {
        super(message);
    }
}
