package io.semisup.dataset.version;

import io.semisup.contracts.dataset.DatasetEventType;
import io.semisup.contracts.dataset.ManifestImage;
import io.semisup.contracts.dataset.Split;
import io.semisup.contracts.dataset.VersionManifest;
import io.semisup.contracts.security.Roles;
import io.semisup.dataset.DatasetChanges;
import io.semisup.dataset.DatasetState;
import io.semisup.dataset.DatasetStore;
import io.semisup.dataset.image.ImageEntry;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Immutable snapshots of a dataset: what a training job trains on, and what a model says it came from. */
@Path("/datasets/{datasetId}/versions")
@Blocking
public class VersionResource {

    private final DatasetStore datasets;
    private final DatasetChanges changes;

    public VersionResource(DatasetStore datasets, DatasetChanges changes) {
        this.datasets = datasets;
        this.changes = changes;
    }

    @RolesAllowed(Roles.TRAINER)
    @POST
    @Operation(summary = "Freeze the dataset as it is now into a new version (v1, v2, ...)")
    @APIResponse(responseCode = "201", description = "The version's manifest: every image, its split and class")
    @APIResponse(responseCode = "404", description = "No such dataset")
    public Response create(@PathParam("datasetId") String datasetId) {
        DatasetState dataset = datasets.require(datasetId);
        VersionManifest manifest;
        synchronized (dataset) {
            List<ImageEntry> images = dataset.allImages().stream()
                    .sorted(Comparator.comparing(ImageEntry::id))
                    .toList();
            manifest = new VersionManifest(VersionManifest.SCHEMA_VERSION, datasetId,
                    "v" + (dataset.versions().size() + 1), Instant.now(),
                    dataset.dataset().classes().stream().sorted().toList(), dataset.countsBySplit(),
                    dataset.newLabels(),
                    images.stream().map(i -> new ManifestImage(i.id(), i.split(), i.className(), i.bytes())).toList());
            datasets.putManifest(manifest);
            dataset.versionCreated(manifest.version(),
                    images.stream().map(ImageEntry::id).collect(Collectors.toSet()),
                    images.stream().filter(i -> i.split() == Split.LABELED).map(ImageEntry::id)
                            .collect(Collectors.toSet()));
        }
        changes.announce(dataset, DatasetEventType.VERSION_CREATED, manifest.version(), manifest.newLabels());
        return Response.created(URI.create("/datasets/" + datasetId + "/versions/" + manifest.version()))
                .entity(manifest).build();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Operation(summary = "The dataset's versions, oldest first")
    @APIResponse(responseCode = "404", description = "No such dataset")
    public List<String> list(@PathParam("datasetId") String datasetId) {
        return datasets.require(datasetId).versions();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{version}")
    @Operation(summary = "A version's manifest")
    @APIResponse(responseCode = "404", description = "No such dataset or version")
    public VersionManifest get(@PathParam("datasetId") String datasetId, @PathParam("version") String version) {
        datasets.require(datasetId);
        return datasets.manifest(datasetId, version)
                .orElseThrow(() -> new NotFoundException("dataset " + datasetId + " has no version " + version));
    }
}
