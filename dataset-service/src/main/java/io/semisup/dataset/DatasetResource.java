package io.semisup.dataset;

import io.semisup.contracts.dataset.DatasetEventType;
import io.semisup.contracts.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.net.URI;
import java.util.List;

@Path("/datasets")
@Blocking
public class DatasetResource {

    private static final int MAX_NAME_LENGTH = 200;

    private final DatasetStore datasets;
    private final DatasetChanges changes;

    public DatasetResource(DatasetStore datasets, DatasetChanges changes) {
        this.datasets = datasets;
        this.changes = changes;
    }

    @RolesAllowed(Roles.LABELLER)
    @POST
    @Operation(summary = "Create a dataset", description = "A name and, optionally, its classes.")
    @APIResponse(responseCode = "201", description = "Created; the Location header points at it")
    @APIResponse(responseCode = "400", description = "Missing name or a bad class name; the body says why")
    public Response create(DatasetRequest request) {
        if (request == null || request.name() == null || request.name().isBlank()) {
            throw new BadRequestException("a dataset needs a name");
        }
        if (request.name().length() > MAX_NAME_LENGTH) {
            throw new BadRequestException("a dataset name has at most " + MAX_NAME_LENGTH + " characters");
        }
        DatasetState dataset = datasets.create(request.name().strip(), ClassNames.checkAll(request.classes()));
        changes.announce(dataset, DatasetEventType.DATASET_CREATED, null, 0);
        return Response.created(URI.create("/datasets/" + dataset.id())).entity(DatasetView.of(dataset)).build();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Operation(summary = "List datasets, oldest first, with their counts")
    public List<DatasetView> list() {
        return datasets.all().stream().map(DatasetView::of).toList();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}")
    @Operation(summary = "Show a dataset: counts per split and class, total bytes, versions")
    @APIResponse(responseCode = "200", description = "The dataset")
    @APIResponse(responseCode = "404", description = "No such dataset")
    public DatasetView get(@PathParam("id") String id) {
        return DatasetView.of(datasets.require(id));
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a dataset with all its images and versions")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such dataset")
    public void delete(@PathParam("id") String id) {
        DatasetState dataset = datasets.require(id);
        datasets.delete(dataset);
        changes.announce(dataset, DatasetEventType.DATASET_DELETED, null, 0);
    }
}
