package io.semisup.dataset;

/** The caller sent something we will not store; the message says what and why. */
public class InvalidDatasetException extends RuntimeException {

    public InvalidDatasetException(String reason) {
        super(reason);
    }
}
