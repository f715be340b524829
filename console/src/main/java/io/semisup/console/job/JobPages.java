package io.semisup.console.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.semisup.console.dataset.DatasetPages;
import io.semisup.console.service.Json;
import io.semisup.console.service.PathIdCheck;
import io.semisup.console.service.PathIds;
import io.semisup.console.service.Service;
import io.semisup.console.service.ServiceException;
import io.semisup.console.service.Services;
import io.semisup.console.session.Caller;
import io.semisup.contracts.job.Method;
import io.semisup.contracts.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Training jobs: the list with the submit form, one job followed live, and runs of a dataset side by side. */
@Path("/console/jobs")
@Produces(MediaType.TEXT_HTML)
@Blocking
@PathIds
public class JobPages {

    private final Services services;
    private final Caller caller;
    private final Template jobs;
    private final Template job;
    private final Template compare;

    public JobPages(Services services, Caller caller, Template jobs, Template job, Template compare) {
        this.services = services;
        this.caller = caller;
        this.jobs = jobs;
        this.job = job;
        this.compare = compare;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    public TemplateInstance list(@QueryParam("datasetId") String datasetId, @QueryParam("method") String method) {
        String query = datasetId == null || datasetId.isBlank() ? ""
                : "?datasetId=" + URLEncoder.encode(datasetId, StandardCharsets.UTF_8);
        List<String> methods = Arrays.stream(Method.values()).map(Method::id).toList();
        String chosen = method != null && methods.contains(method) ? method : Method.SUPERVISED.id();
        JsonNode defaults = services.json(Service.TRAINER, "/jobs/defaults/" + chosen, caller.key());
        JsonNode datasets = services.json(Service.DATASET, "/datasets", caller.key());
        return jobs.data("jobs", Json.list(services.json(Service.TRAINER, "/jobs" + query, caller.key())))
                .data("datasets", Json.list(datasets))
                .data("names", DatasetPages.names(datasets))
                .data("datasetId", datasetId)
                .data("methods", methods)
                .data("method", chosen)
                .data("defaults", Json.map(defaults))
                .data("budgetMinutes", minutes(defaults.path("timeBudget")));
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}")
    public TemplateInstance show(@PathParam("id") String id) {
        JsonNode record = services.json(Service.TRAINER, "/jobs/" + id, caller.key());
        // The epochs so far, for the live curves to start from; "</" cannot end the script element that holds them.
        String epochs = record.path("epochs").toString().replace("</", "<\\/");
        return job.data("job", Json.map(record)).data("charts", charts(record)).data("epochsJson", epochs)
                .data("datasetName", datasetName(record.path("job").path("datasetId").asText()))
                .data("finished", finished(record.path("state").asText()));
    }

    /** Every run of a dataset, oldest first, with its figures and accuracy curve side by side. */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/compare")
    public TemplateInstance compare(@QueryParam("datasetId") String datasetId) {
        if (datasetId == null || datasetId.isBlank()) {
            throw new BadRequestException("datasetId is required");
        }
        List<Map<String, Object>> runs = new ArrayList<>();
        for (JsonNode record : services.json(Service.TRAINER, "/jobs?datasetId="
                + URLEncoder.encode(datasetId, StandardCharsets.UTF_8), caller.key())) {
            Map<String, Object> run = new LinkedHashMap<>(Json.map(record));
            run.put("charts", charts(record));
            run.put("bestValidation", best(record));
            runs.add(0, run);
        }
        return compare.data("datasetId", datasetId).data("runs", runs);
    }

    /** A dataset's name for the page's title; its id if the dataset is gone. */
    private String datasetName(String datasetId) {
        if (!PathIdCheck.isId(datasetId)) {
            return datasetId;
        }
        try {
            return services.json(Service.DATASET, "/datasets/" + datasetId, caller.key()).path("name").asText(datasetId);
        } catch (ServiceException e) {
            return datasetId;
        }
    }

    /** The report's pictures the job has so far (curves, confusion matrix, generator samples), by file name. */
    static List<String> charts(JsonNode record) {
        List<String> charts = new ArrayList<>();
        record.path("artifacts").fieldNames().forEachRemaining(name -> {
            String file = name.substring(name.lastIndexOf('/') + 1);
            if (file.endsWith(".png")) {
                charts.add(file);
            }
        });
        return charts;
    }

    /** The best validation accuracy of any epoch, in percent (null before the first). */
    static Double best(JsonNode record) {
        Double best = null;
        for (JsonNode epoch : record.path("epochs")) {
            JsonNode accuracy = epoch.path("metrics").path("validationAccuracy");
            if (accuracy.isNumber() && (best == null || accuracy.asDouble() * 100 > best)) {
                best = accuracy.asDouble() * 100;
            }
        }
        return best;
    }

    /** A duration as the job form asks for it (JSON writes it in seconds, or as ISO-8601 text). */
    static Double minutes(JsonNode duration) {
        if (duration.isNumber()) {
            return duration.asDouble() / 60;
        }
        return duration.isTextual() ? Duration.parse(duration.asText()).toMillis() / 60_000.0 : null;
    }

    static boolean finished(String state) {
        return List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(state);
    }
}
