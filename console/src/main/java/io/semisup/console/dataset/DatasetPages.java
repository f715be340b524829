package io.semisup.console.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.semisup.console.service.Json;
import io.semisup.console.service.PathIds;
import io.semisup.console.service.Service;
import io.semisup.console.service.ServiceException;
import io.semisup.console.service.Services;
import io.semisup.console.session.Caller;
import io.semisup.contracts.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The datasets: the list, one dataset with its counts, thumbnails and versions, and the labelling page. */
@Path("/console/datasets")
@Produces(MediaType.TEXT_HTML)
@Blocking
@PathIds
public class DatasetPages {

    /** Thumbnails shown per class on a dataset's page. */
    static final int THUMBNAILS = 6;
    /** Images on the labelling page at a time. */
    static final int LABEL_BATCH = 24;

    private final Services services;
    private final Caller caller;
    private final Template datasets;
    private final Template dataset;
    private final Template label;

    public DatasetPages(Services services, Caller caller, Template datasets, Template dataset, Template label) {
        this.services = services;
        this.caller = caller;
        this.datasets = datasets;
        this.dataset = dataset;
        this.label = label;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    public TemplateInstance list() {
        return datasets.data("datasets", Json.list(services.json(Service.DATASET, "/datasets", caller.key())));
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}")
    public TemplateInstance show(@PathParam("id") String id) {
        JsonNode view = services.json(Service.DATASET, "/datasets/" + id, caller.key());
        Map<String, List<Object>> thumbnails = new LinkedHashMap<>();
        for (JsonNode className : view.path("classes")) {
            thumbnails.put(className.asText(), images(id, "split=labeled&class="
                    + URLEncoder.encode(className.asText(), StandardCharsets.UTF_8), THUMBNAILS));
        }
        thumbnails.put("unlabelled", images(id, "split=unlabeled", THUMBNAILS));
        return dataset.data("dataset", Json.map(view)).data("thumbnails", thumbnails)
                .data("splits", List.of("labeled", "unlabeled", "validation", "test"));
    }

    /**
     * The next images to label: the newest model's suggestions when it has ranked the dataset, else its unlabelled
     * images in upload order. With the retraining policy, so the page can say when the next model starts.
     */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}/label")
    public TemplateInstance label(@PathParam("id") String id) {
        JsonNode view = services.json(Service.DATASET, "/datasets/" + id, caller.key());
        Map<String, Object> suggestions = null;
        List<Object> images;
        try {
            JsonNode page = services.json(Service.DATASET, "/datasets/" + id + "/suggestions?limit=" + LABEL_BATCH,
                    caller.key());
            suggestions = Json.map(page);
            images = Json.list(page.path("images"));
        } catch (ServiceException e) {
            if (e.status() != 404) {
                throw e;
            }
            images = new ArrayList<>();
            for (JsonNode image : services.json(Service.DATASET, "/datasets/" + id
                    + "/images?split=unlabeled&size=" + LABEL_BATCH, caller.key()).path("items")) {
                images.add(Map.of("imageId", image.path("id").asText(), "fileName", image.path("fileName").asText()));
            }
        }
        Map<String, Object> policy = Json.map(services.json(Service.TRAINER, "/retraining/" + id, caller.key()));
        return label.data("dataset", Json.map(view)).data("suggestions", suggestions).data("images", images)
                .data("policy", policy);
    }

    /** Each dataset's name by its id, from the dataset-service's list: what the other pages show for an id. */
    public static Map<String, String> names(JsonNode datasets) {
        Map<String, String> names = new LinkedHashMap<>();
        datasets.forEach(d -> names.put(d.path("id").asText(), d.path("name").asText()));
        return names;
    }

    private List<Object> images(String id, String query, int size) {
        return Json.list(services.json(Service.DATASET, "/datasets/" + id + "/images?" + query + "&size=" + size,
                caller.key()).path("items"));
    }
}
