package io.semisup.trainer.dataset;

import io.semisup.contracts.dataset.VersionManifest;
import io.semisup.contracts.security.ApiKeys;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The dataset-service owns versions: a job without a version asks it to freeze one. The trainer-service calls with a
 * key of its own, of the least role that may freeze a version ({@code trainer}): the file named by
 * {@code semisup.dataset-service.key-file}, read on every call so that a rotated key is used at once.
 */
@RegisterRestClient(configKey = "dataset-service")
@Path("/datasets")
@ClientHeaderParam(name = ApiKeys.HEADER, value = "{serviceKey}", required = false)
public interface DatasetServiceClient {

    @POST
    @Path("/{datasetId}/versions")
    VersionManifest createVersion(@PathParam("datasetId") String datasetId);

    /** The trainer-service's own key, or null (no header) where none is configured. */
    default String serviceKey() {
        return ConfigProvider.getConfig()
                .getOptionalValue("semisup.dataset-service.key-file", java.nio.file.Path.class).map(file -> {
                    try {
                        return ApiKeys.read(file);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read the trainer-service's key " + file, e);
                    }
                }).orElse(null);
    }
}
