package io.semisup.trainer.dataset;

import io.semisup.contracts.dataset.VersionManifest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The dataset-service owns versions: a job without a version asks it to freeze one. */
@RegisterRestClient(configKey = "dataset-service")
@Path("/datasets")
public interface DatasetServiceClient {

    @POST
    @Path("/{datasetId}/versions")
    VersionManifest createVersion(@PathParam("datasetId") String datasetId);
}
