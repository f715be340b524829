package io.semisup.console.session;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.semisup.security.ApiKeyStore;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;

/**
 * Signing in with an API key: the key is checked against the key file the services read, then kept in an HttpOnly,
 * SameSite=Strict cookie, so scripts cannot read it and no other site can make the browser send it.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SignIn {

    static final String HOME = "/console/datasets";

    private final Template login;
    private final ApiKeyStore keys;
    private final String cookie;
    private final boolean secureCookie;

    public SignIn(Template login, ApiKeyStore keys,
                  @ConfigProperty(name = "semisup.security.api-key-cookie") String cookie,
                  @ConfigProperty(name = "semisup.console.secure-cookie") boolean secureCookie) {
        this.login = login;
        this.keys = keys;
        this.cookie = cookie;
        this.secureCookie = secureCookie;
    }

    @PermitAll
    @GET
    @Path("console/login")
    public TemplateInstance form(@QueryParam("then") String then, @QueryParam("reason") String reason) {
        return login.data("then", local(then)).data("error", reason);
    }

    @PermitAll
    @POST
    @Path("console/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("key") String key, @FormParam("then") String then) {
        String given = key == null ? "" : key.strip();
        if (given.isEmpty() || keys.find(given).isEmpty()) {
            return Response.status(Response.Status.UNAUTHORIZED).entity(login.data("then", local(then))
                    .data("error", "That key is not known (or was revoked): paste the whole key, as written by "
                            + "'semisup key add' or in run/security/admin.key on the embedded default.")).build();
        }
        return Response.seeOther(URI.create(local(then))).cookie(keyCookie(given, -1)).build();
    }

    @PermitAll
    @POST
    @Path("console/logout")
    public Response signOut() {
        return Response.seeOther(URI.create("/console/login?reason=Signed+out.")).cookie(keyCookie("", 0)).build();
    }

    /** The console's address without a page, and this server's root: the datasets. */
    @PermitAll
    @GET
    @Path("{path: (console/?)?}")
    public Response home() {
        return Response.seeOther(URI.create(HOME)).build();
    }

    private NewCookie keyCookie(String value, int maxAge) {
        return new NewCookie.Builder(cookie).value(value).path("/console").httpOnly(true).secure(secureCookie)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }

    /** Only a page of the console: a sign-in link must not send anyone elsewhere. */
    static String local(String then) {
        return then != null && then.startsWith("/console/") && !then.contains("\\") ? then
                : HOME;
    }
}
