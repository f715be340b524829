package io.semisup.trainer.job;

import io.semisup.contracts.messaging.InvalidMessageException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;

/** An invalid job is the caller's mistake: 400 with the reason, never a 500. */
public class InvalidJobMapper {

    @ServerExceptionMapper
    public Response invalid(InvalidMessageException e) {
        return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", e.getMessage())).build();
    }
}
