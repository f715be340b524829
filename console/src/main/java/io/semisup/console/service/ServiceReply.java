package io.semisup.console.service;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A service's answer as it came: passed on to the browser unchanged (status, type and body). */
public record ServiceReply(int status, String contentType, byte[] body) {

    public boolean ok() {
        return status / 100 == 2;
    }

    public Response toResponse() {
        return Response.status(status).type(contentType == null ? MediaType.APPLICATION_OCTET_STREAM : contentType)
                .entity(body).build();
    }
}
