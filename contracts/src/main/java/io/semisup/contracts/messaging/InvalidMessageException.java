package io.semisup.contracts.messaging;

/**
 * A message that cannot be accepted: not JSON, a missing or out-of-range field, an unsupported schema version.
 * Its message is the reason given to the sender (it ends up in the dead-letter record's headers).
 */
public class InvalidMessageException extends RuntimeException {

    public InvalidMessageException(String reason) {
        super(reason);
    }

    public InvalidMessageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
