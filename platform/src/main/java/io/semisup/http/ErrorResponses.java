package io.semisup.http;

import io.semisup.contracts.messaging.InvalidMessageException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;

/**
 * Errors every service answers the same way: {@code {"error": "<reason>"}}. Bad input is the caller's mistake and
 * gets a 4xx with a reason to act on, never a 500.
 */
public class ErrorResponses {

    public static Response error(int status, String reason) {
        return Response.status(status).entity(Map.of("error", reason)).build();
    }

    /** An invalid message or id (a bad job, a key that would escape its prefix). */
    @ServerExceptionMapper
    public Response invalid(InvalidMessageException e) {
        return error(Response.Status.BAD_REQUEST.getStatusCode(), e.getMessage());
    }

    /**
     * Refusals thrown as JAX-RS client errors ({@code NotFoundException}, {@code ClientErrorException(reason, 413)},
     * ...) keep their status and carry their reason in the body, not just a bare status line.
     */
    @ServerExceptionMapper
    public Response clientError(ClientErrorException e) {
        return error(e.getResponse().getStatus(), e.getMessage());
    }

    /** Not ready to serve yet (e.g. no model loaded): 503 with the reason, so callers know to retry later. */
    @ServerExceptionMapper
    public Response unavailable(ServiceUnavailableException e) {
        return error(Response.Status.SERVICE_UNAVAILABLE.getStatusCode(), e.getMessage());
    }
}
