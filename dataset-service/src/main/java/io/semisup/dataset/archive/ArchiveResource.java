package io.semisup.dataset.archive;

import io.semisup.contracts.security.Roles;
import io.semisup.dataset.DatasetStore;
import io.semisup.security.RateLimits;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.io.InputStream;

@Path("/datasets/{datasetId}/archive")
@Blocking
public class ArchiveResource {

    private final DatasetStore datasets;
    private final ArchiveImporter importer;
    private final RateLimits rateLimits;

    public ArchiveResource(DatasetStore datasets, ArchiveImporter importer, RateLimits rateLimits) {
        this.datasets = datasets;
        this.importer = importer;
        this.rateLimits = rateLimits;
    }

    @RolesAllowed(Roles.LABELLER)
    @POST
    @Consumes({"application/zip", "application/gzip", "application/x-gzip", "application/x-tar",
            "application/x-compressed-tar", "application/octet-stream"})
    @Operation(summary = "Import a zip or tar.gz archive in the dataset layout",
            description = "labeled/<class>/*, unlabeled/*, validation/<class>/*, test/<class>/*, optionally under "
                    + "one top folder. Streamed; each entry is accepted, a duplicate, or refused with its reason.")
    @APIResponse(responseCode = "200", description = "The import report: counts, refused entries, images/s")
    @APIResponse(responseCode = "400", description = "Path traversal, a link, or an unreadable archive: nothing kept")
    @APIResponse(responseCode = "404", description = "No such dataset")
    @APIResponse(responseCode = "413", description = "Too many entries or too many bytes expanded: nothing kept")
    @APIResponse(responseCode = "415", description = "Not a zip or tar.gz archive")
    public ImportReport importArchive(@PathParam("datasetId") String datasetId, InputStream body) {
        rateLimits.acquire(RateLimits.Kind.UPLOAD);
        return importer.importArchive(datasets.require(datasetId), body);
    }
}
