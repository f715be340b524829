package io.semisup.console.service;

/** A service refused a call a page needed, or could not be reached: the page shows the reason instead. */
public class ServiceException extends RuntimeException {

    private final int status;

    public ServiceException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
