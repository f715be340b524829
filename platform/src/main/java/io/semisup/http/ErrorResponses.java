package io.semisup.http;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.semisup.contracts.messaging.InvalidMessageException;
import io.semisup.contracts.security.ApiKeys;
import io.semisup.contracts.security.Roles;
import io.semisup.security.RateLimitedException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;

/**
 * Errors every service answers the same way: {@code {"error": "<reason>"}}. Bad input is the caller's mistake and
 * gets a 4xx with a reason to act on, never a 500.
 */
public class ErrorResponses {

    public static Response error(int status, String reason) {
        // JSON whatever the endpoint produces (an image download's error too).
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", reason)).build();
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

    /** No credentials: 401 saying which to send. */
    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return challenge("authentication required: send an API key in the " + ApiKeys.HEADER
                + " header or an OIDC bearer token");
    }

    /** Credentials that are not valid: an unknown or revoked key, a token expired or not signed by the issuer. */
    @ServerExceptionMapper
    public Response invalidCredentials(AuthenticationFailedException e) {
        return challenge("invalid credentials: unknown API key, or a bearer token that is invalid or expired");
    }

    /** Valid credentials whose role does not allow the operation. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return error(Response.Status.FORBIDDEN.getStatusCode(),
                "forbidden: your role does not allow this operation (roles: " + String.join(", ", Roles.ALL) + ")");
    }

    /** A caller over its rate limit: when to try again. */
    @ServerExceptionMapper
    public Response rateLimited(RateLimitedException e) {
        return Response.fromResponse(error(429, e.getMessage())).header("Retry-After", e.retryAfterSeconds()).build();
    }

    private static Response challenge(String reason) {
        return Response.fromResponse(error(Response.Status.UNAUTHORIZED.getStatusCode(), reason))
                .header("WWW-Authenticate", "ApiKey header=\"" + ApiKeys.HEADER + "\", Bearer").build();
    }
}
