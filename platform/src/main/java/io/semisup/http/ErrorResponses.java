package io.semisup.http;

import io.semisup.contracts.messaging.InvalidMessageException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;

/**
 * Errors every service answers the same way: {@code {"error": "<reason>"}}. Bad input is the caller's mistake and
 * gets a 4xx with a reason to act on, never a 500.
 */
public class ErrorResponses {

    public static Response error(Response.Status status, String reason) {
        return Response.status(status).entity(Map.of("error", reason)).build();
    }

    /** An invalid message or id (a bad job, a key that would escape its prefix). */
    @ServerExceptionMapper
    public Response invalid(InvalidMessageException e) {
        return error(Response.Status.BAD_REQUEST, e.getMessage());
    }

    /** Say what was not found, not just 404. */
    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return error(Response.Status.NOT_FOUND, e.getMessage());
    }
}
