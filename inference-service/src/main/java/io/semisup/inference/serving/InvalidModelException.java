package io.semisup.inference.serving;

/** A model that cannot be served: bad metadata, a session that does not load, a failed warm-up. */
public class InvalidModelException extends RuntimeException {

    public InvalidModelException(String message) {
        super(message);
    }

    public InvalidModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
