package io.semisup.dataset.archive;

import jakarta.ws.rs.ClientErrorException;

/** The archive as a whole is refused (path traversal, a link, too many entries, too large): nothing of it stays. */
public class ArchiveRefusedException extends ClientErrorException {

    public ArchiveRefusedException(String reason, int status) {
        super(reason, status);
    }
}
