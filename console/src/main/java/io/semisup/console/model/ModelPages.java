package io.semisup.console.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.semisup.console.dataset.DatasetPages;
import io.semisup.console.service.Json;
import io.semisup.console.service.Service;
import io.semisup.console.service.ServiceException;
import io.semisup.console.service.Services;
import io.semisup.console.session.Caller;
import io.semisup.contracts.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;

/** The models the inference-service knows: which serves, pinning, and trying one on an image. */
@Path("/console/models")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class ModelPages {

    private final Services services;
    private final Caller caller;
    private final Template models;

    public ModelPages(Services services, Caller caller, Template models) {
        this.services = services;
        this.caller = caller;
        this.models = models;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    public TemplateInstance list() {
        List<Object> all = Json.list(services.json(Service.INFERENCE, "/models", caller.key()));
        Map<String, Object> active = null;
        try {
            JsonNode node = services.json(Service.INFERENCE, "/models/active", caller.key());
            active = Json.map(node);
        } catch (ServiceException e) {
            if (e.status() != 404) { // no model serves yet, which the page says
                throw e;
            }
        }
        return models.data("models", all).data("active", active)
                .data("names", DatasetPages.names(services.json(Service.DATASET, "/datasets", caller.key())));
    }
}
