package io.semisup.console.service;

import io.semisup.console.session.Caller;
import io.semisup.contracts.security.Roles;
import io.semisup.security.ReadOnly;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.util.stream.Stream;

/**
 * What the pages' scripts call: each operation passed to its service with the signed-in person's key and answered as
 * the service answered (status, reason, body), so the page can show exactly what happened. Only the operations the
 * console offers are here, each with the role it needs.
 */
@Path("/console/api")
@Blocking
@PathIds
public class ApiProxy {

    private final Services services;
    private final Caller caller;
    private final UriInfo uri;

    public ApiProxy(Services services, Caller caller, UriInfo uri) {
        this.services = services;
        this.caller = caller;
        this.uri = uri;
    }

    @RolesAllowed(Roles.LABELLER)
    @POST
    @Path("/datasets")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createDataset(byte[] body) {
        return passJson(Service.DATASET, "POST", "/datasets", body);
    }

    @RolesAllowed(Roles.LABELLER)
    @POST
    @Path("/datasets/{id}/archive")
    @Consumes(MediaType.WILDCARD)
    public Response importArchive(@PathParam("id") String id, @HeaderParam("Content-Type") String type,
                                  InputStream body) {
        return pass(Service.DATASET, "POST", "/datasets/" + id + "/archive", type, streamed(body));
    }

    @RolesAllowed(Roles.LABELLER)
    @POST
    @Path("/datasets/{id}/images")
    @Consumes(MediaType.WILDCARD)
    public Response uploadImage(@PathParam("id") String id, @HeaderParam("Content-Type") String type,
                                InputStream body) {
        return pass(Service.DATASET, "POST", "/datasets/" + id + "/images" + query(), type, streamed(body));
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/datasets/{id}/images/{imageId}")
    public Response image(@PathParam("id") String id, @PathParam("imageId") String imageId) {
        Response image = pass(Service.DATASET, "GET", "/datasets/" + id + "/images/" + imageId);
        // An image never changes under its id (a new upload gets a new one): the browser may keep it.
        return Response.fromResponse(image).header("Cache-Control", "private, max-age=3600").build();
    }

    @RolesAllowed(Roles.LABELLER)
    @POST
    @Path("/datasets/{id}/labels")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response label(@PathParam("id") String id, byte[] body) {
        return passJson(Service.DATASET, "POST", "/datasets/" + id + "/labels", body);
    }

    @RolesAllowed(Roles.TRAINER)
    @POST
    @Path("/jobs")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(byte[] body) {
        return passJson(Service.TRAINER, "POST", "/jobs", body);
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/jobs/{id}")
    public Response job(@PathParam("id") String id) {
        return pass(Service.TRAINER, "GET", "/jobs/" + id);
    }

    @RolesAllowed(Roles.TRAINER)
    @DELETE
    @Path("/jobs/{id}")
    public Response cancel(@PathParam("id") String id) {
        return pass(Service.TRAINER, "DELETE", "/jobs/" + id);
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/jobs/{id}/report/{file}")
    public Response report(@PathParam("id") String id, @PathParam("file") String file) {
        return pass(Service.TRAINER, "GET", "/jobs/" + id + "/report/" + file);
    }

    /** A job's progress as the trainer-service streams it, one JSON event per message (EventSource sends only the cookie). */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/jobs/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<String> events(@PathParam("id") String id) {
        String key = caller.key();
        return Multi.createFrom().<String>emitter(emitter -> {
            try (Stream<String> lines = services.eventLines(Service.TRAINER, "/jobs/" + id + "/events", key)) {
                emitter.onTermination(lines::close);
                lines.filter(line -> line.startsWith("data:")).map(line -> line.substring(5).strip())
                        .forEach(emitter::emit);
                emitter.complete();
            } catch (RuntimeException e) {
                if (!emitter.isCancelled()) { // else the browser left: closing the stream ended the read
                    emitter.fail(e);
                }
            }
        }).runSubscriptionOn(Infrastructure.getDefaultExecutor());
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("/models/active")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response pin(byte[] body) {
        return passJson(Service.INFERENCE, "PUT", "/models/active", body);
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/models/active/pin")
    public Response unpin() {
        return pass(Service.INFERENCE, "DELETE", "/models/active/pin");
    }

    @RolesAllowed(Roles.VIEWER)
    @ReadOnly
    @POST
    @Path("/classify")
    @Consumes(MediaType.WILDCARD)
    public Response classify(@HeaderParam("Content-Type") String type, InputStream body) {
        return pass(Service.INFERENCE, "POST", "/classify" + query(), type, streamed(body));
    }

    private Response pass(Service service, String method, String path) {
        return pass(service, method, path, null, HttpRequest.BodyPublishers.noBody());
    }

    private Response passJson(Service service, String method, String path, byte[] body) {
        return pass(service, method, path, MediaType.APPLICATION_JSON, HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private Response pass(Service service, String method, String path, String type,
                          HttpRequest.BodyPublisher body) {
        return services.send(service, method, path, caller.key(), type, body).toResponse();
    }

    /** An upload passed on as it arrives: an archive of gigabytes never sits in the console's memory. */
    private static HttpRequest.BodyPublisher streamed(InputStream body) {
        return HttpRequest.BodyPublishers.ofInputStream(() -> body);
    }

    private String query() {
        String query = uri.getRequestUri().getRawQuery();
        return query == null ? "" : "?" + query;
    }
}
