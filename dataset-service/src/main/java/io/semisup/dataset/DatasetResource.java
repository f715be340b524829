package io.semisup.dataset;

import io.semisup.contracts.dataset.DatasetEvent;
import io.semisup.contracts.dataset.DatasetEventType;
import io.semisup.http.ErrorResponses;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

@Path("/datasets")
@Blocking
public class DatasetResource {

    private static final int MAX_NAME_LENGTH = 200;

    private final DatasetRepository datasets;
    private final DatasetEvents events;

    public DatasetResource(DatasetRepository datasets, DatasetEvents events) {
        this.datasets = datasets;
        this.events = events;
    }

    @POST
    @Operation(summary = "Create a dataset", description = "A name and, optionally, its classes.")
    @APIResponse(responseCode = "201", description = "Created; the Location header points at it")
    @APIResponse(responseCode = "400", description = "Missing name or a bad class name; the body says why")
    public Response create(DatasetRequest request) {
        if (request == null || request.name() == null || request.name().isBlank()) {
            throw new InvalidDatasetException("a dataset needs a name");
        }
        if (request.name().length() > MAX_NAME_LENGTH) {
            throw new InvalidDatasetException("a dataset name has at most " + MAX_NAME_LENGTH + " characters");
        }
        Instant now = Instant.now();
        Dataset dataset = new Dataset(UUID.randomUUID().toString(), request.name().strip(),
                ClassNames.checkAll(request.classes()), now, now);
        datasets.save(dataset);
        events.publish(DatasetEvent.of(dataset.id(), DatasetEventType.DATASET_CREATED, null, Map.of(), 0));
        return Response.created(URI.create("/datasets/" + dataset.id())).entity(dataset).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Show a dataset")
    @APIResponse(responseCode = "200", description = "The dataset")
    @APIResponse(responseCode = "404", description = "No such dataset")
    public Dataset get(@PathParam("id") String id) {
        return datasets.find(id).orElseThrow(() -> new NotFoundException("no dataset " + id));
    }

    @ServerExceptionMapper
    public Response invalid(InvalidDatasetException e) {
        return ErrorResponses.error(Response.Status.BAD_REQUEST, e.getMessage());
    }
}
