package io.semisup.inference.model;

import jakarta.ws.rs.NotFoundException;

/** A model id nobody announced. */
public class UnknownModelException extends NotFoundException {

    public UnknownModelException(String modelId) {
        super("no model '" + modelId + "' has been announced");
    }
}
