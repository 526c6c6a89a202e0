package dev.shutter.events;

/**
 * A message that can never be handled (unknown type, unparseable payload, invalid content): it
 * goes straight to the dead-letter topic with this exception's message as the reason, instead
 * of being retried.
 */
public class DeadLetterException extends RuntimeException {

    public DeadLetterException(String reason) {
        super(reason, null, false, false);
    }

    public DeadLetterException(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }
}
