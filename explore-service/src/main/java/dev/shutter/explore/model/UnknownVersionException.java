package dev.shutter.explore.model;

/** No such model version in the store. */
public class UnknownVersionException extends Exception {

    public UnknownVersionException(String message) {
        super(message);
    }
}
