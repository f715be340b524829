package io.semisup.console.session;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.semisup.console.service.ServiceException;
import io.semisup.http.ErrorResponses;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * How the console refuses: a page sends a person to sign in, or shows the reason on a page of its own; the console's
 * own API ({@code /console/api/...}, called by the pages' scripts) answers JSON as the services do. These mappers
 * come before the platform's JSON ones.
 */
public class Refusals {

    private static final int FIRST = Priorities.USER - 100;

    private final Template error;

    public Refusals(Template error) {
        this.error = error;
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return signIn(uri, null, "authentication required: sign in with an API key");
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response invalidKey(AuthenticationFailedException e, UriInfo uri) {
        return signIn(uri, "Your key is no longer valid (revoked or replaced): sign in again.",
                "invalid credentials: unknown or revoked API key");
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return page(uri, 403, "Your role does not allow this. Ask an admin for a key with a stronger role.");
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response serviceRefused(ServiceException e, UriInfo uri) {
        return page(uri, e.status(), e.getMessage());
    }

    /** The console's own refusals (an unknown page, a missing parameter): on a page for a person. */
    @ServerExceptionMapper(priority = FIRST)
    public Response clientError(ClientErrorException e, UriInfo uri) {
        return page(uri, e.getResponse().getStatus(), e.getMessage());
    }

    private Response signIn(UriInfo uri, String reason, String apiReason) {
        if (api(uri)) {
            return ErrorResponses.error(401, apiReason);
        }
        String target = "/console/login?then=" + URLEncoder.encode(uri.getPath(), StandardCharsets.UTF_8)
                + (reason == null ? "" : "&reason=" + URLEncoder.encode(reason, StandardCharsets.UTF_8));
        return Response.seeOther(URI.create(target)).build();
    }

    private Response page(UriInfo uri, int status, String reason) {
        if (api(uri)) {
            return ErrorResponses.error(status, reason);
        }
        TemplateInstance page = error.data("status", status).data("reason", reason);
        if (!BlockingOperationControl.isBlockingAllowed()) {
            // A path no page matched is refused on the IO thread, before anyone was authenticated: no header.
            page.data("anonymous", true);
        }
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(page.render()).build();
    }

    private static boolean api(UriInfo uri) {
        return uri.getPath().startsWith("/console/api/");
    }
}
