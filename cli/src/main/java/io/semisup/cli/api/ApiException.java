package io.semisup.cli.api;

/** A service answered with an error, or could not be reached; the message is what the user should read. */
public class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
