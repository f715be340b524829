package io.semisup.inference.model;

import io.semisup.contracts.security.Roles;
import io.semisup.inference.serving.ActiveModel;
import io.semisup.inference.serving.InvalidModelException;
import io.semisup.inference.serving.ModelMetadata;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;

@Path("/models")
public class ModelResource {

    private final ModelCatalog catalog;
    private final ModelSwitcher switcher;
    private final ActiveModel active;

    public ModelResource(ModelCatalog catalog, ModelSwitcher switcher, ActiveModel active) {
        this.catalog = catalog;
        this.switcher = switcher;
        this.active = active;
    }

    /** The serving model: its catalog entry, the metadata it was loaded with, where it runs, and whether it is pinned. */
    public record Active(ModelEntry entry, ModelMetadata metadata, String provider, Integer threads,
                         Integer parallelCalls, boolean pinned) {
    }

    public record Pin(String modelId) {
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Operation(summary = "Known models, newest first: announcement, artifact size, status (ACTIVE, AVAILABLE, REFUSED with the reason)")
    public List<ModelEntry> list() {
        return catalog.all();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/active")
    @Operation(summary = "The model that serves requests, its metadata and execution provider (CPU or CUDA)")
    @APIResponse(responseCode = "200", description = "The active model")
    @APIResponse(responseCode = "404", description = "No model serves yet")
    public Active active() {
        ModelMetadata metadata = active.metadata().orElseThrow(() -> new NotFoundException("no model serves yet"));
        ModelEntry entry = catalog.get(metadata.modelId()).orElseThrow(() -> new NotFoundException("no model serves yet"));
        return new Active(entry, metadata, active.provider().orElse(null), active.threads().orElse(null),
                active.parallelCalls(), switcher.pinned().isPresent());
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("/active")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Pin a model: it serves until unpinned, whatever is announced after it")
    @APIResponse(responseCode = "200", description = "The pinned model now serves")
    @APIResponse(responseCode = "404", description = "No such model was announced")
    @APIResponse(responseCode = "422", description = "The model failed to load; the previous one keeps serving")
    public Active pin(Pin pin) {
        if (pin == null || pin.modelId() == null || pin.modelId().isBlank()) {
            throw new BadRequestException("send {\"modelId\": \"...\"}");
        }
        try {
            switcher.pin(pin.modelId());
        } catch (InvalidModelException e) {
            throw new ClientErrorException("model " + pin.modelId() + " cannot serve: " + e.getMessage(), 422);
        }
        return active();
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/active/pin")
    @Operation(summary = "Unpin: the newest announced model serves again")
    public Active unpin() {
        switcher.unpin();
        return active();
    }
}
