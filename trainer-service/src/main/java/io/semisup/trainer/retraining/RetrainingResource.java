package io.semisup.trainer.retraining;

import io.semisup.contracts.messaging.Check;
import io.semisup.contracts.messaging.MessageCodec;
import io.semisup.contracts.security.Roles;
import io.semisup.trainer.dataset.DatasetVersions;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.Instant;

@Path("/retraining/{datasetId}")
@Blocking
public class RetrainingResource {

    private final RetrainingPolicies policies;
    private final DatasetVersions datasets;
    private final int defaultMinNewLabels;

    public RetrainingResource(RetrainingPolicies policies, DatasetVersions datasets,
                              @ConfigProperty(name = "semisup.retraining.default-min-new-labels") int defaultMinNewLabels) {
        this.policies = policies;
        this.datasets = datasets;
        this.defaultMinNewLabels = defaultMinNewLabels;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Operation(summary = "A dataset's retraining policy (disabled unless set)")
    @APIResponse(responseCode = "404", description = "No such dataset")
    public RetrainingPolicy get(@PathParam("datasetId") String datasetId) {
        requireDataset(datasetId);
        return policies.find(datasetId)
                .orElse(new RetrainingPolicy(datasetId, false, defaultMinNewLabels, null, null));
    }

    @RolesAllowed(Roles.TRAINER)
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Turn automatic retraining on or off for a dataset",
            description = "When on, a dataset that gains minNewLabels labelled images over the version of its latest "
                    + "model gets a new job with the settings of its latest successful job.")
    @APIResponse(responseCode = "400", description = "Invalid policy; the body says why")
    @APIResponse(responseCode = "404", description = "No such dataset")
    @RequestBody(content = @Content(schema = @Schema(implementation = PolicyRequest.class)))
    public RetrainingPolicy put(@PathParam("datasetId") String datasetId, String body) {
        requireDataset(datasetId);
        PolicyRequest request = MessageCodec.decode(body, PolicyRequest.class);
        RetrainingPolicy current = get(datasetId);
        int minNewLabels = request.minNewLabels() == null ? current.minNewLabels() : request.minNewLabels();
        if (minNewLabels < 1) {
            throw new BadRequestException("minNewLabels must be at least 1, was " + minNewLabels);
        }
        boolean enabled = request.enabled() == null ? current.enabled() : request.enabled();
        return policies.save(new RetrainingPolicy(datasetId, enabled, minNewLabels, current.lastJobId(), Instant.now()));
    }

    private void requireDataset(String datasetId) {
        try {
            Check.id("datasetId", datasetId);
        } catch (RuntimeException e) {
            throw new NotFoundException("no dataset " + datasetId);
        }
        if (!datasets.exists(datasetId)) {
            throw new NotFoundException("no dataset " + datasetId);
        }
    }
}
