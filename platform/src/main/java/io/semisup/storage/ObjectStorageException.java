package io.semisup.storage;

/** The object store failed or refused an operation; the message names the bucket and key. */
public class ObjectStorageException extends RuntimeException {

    public ObjectStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
