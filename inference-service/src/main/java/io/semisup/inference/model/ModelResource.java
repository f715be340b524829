package io.semisup.inference.model;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;

@Path("/models")
public class ModelResource {

    private final ModelCatalog catalog;

    public ModelResource(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @Operation(summary = "Known models, newest first, with their announcement and artifact size")
    public List<ModelEntry> list() {
        return catalog.all();
    }

    @GET
    @Path("/active")
    @Operation(summary = "The model that serves requests: the newest one announced")
    @APIResponse(responseCode = "200", description = "The active model")
    @APIResponse(responseCode = "404", description = "No model has been announced yet")
    public ModelEntry active() {
        return catalog.newest().orElseThrow(() -> new NotFoundException("no model has been announced yet"));
    }
}
