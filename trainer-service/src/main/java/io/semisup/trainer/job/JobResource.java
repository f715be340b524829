package io.semisup.trainer.job;

import io.semisup.contracts.job.Hyperparameters;
import io.semisup.contracts.job.JobState;
import io.semisup.contracts.job.Method;
import io.semisup.contracts.job.TrainingEvent;
import io.semisup.contracts.job.TrainingJob;
import io.semisup.contracts.messaging.InvalidMessageException;
import io.semisup.contracts.messaging.MessageCodec;
import io.semisup.contracts.security.Roles;
import io.semisup.contracts.storage.StorageLayout;
import io.semisup.storage.ObjectStore;
import io.semisup.trainer.model.ModelPublisher;
import io.semisup.trainer.runner.TrainerConfig;
import io.semisup.training.run.TrainingConfig;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.net.URI;
import java.util.List;
import java.util.UUID;

@Path("/jobs")
@Blocking
public class JobResource {

    private final JobLifecycle jobs;
    private final JobSubmitter submitter;
    private final JobValidator validator;
    private final JobEventFeed feed;
    private final ObjectStore store;
    private final TrainerConfig config;

    public JobResource(JobLifecycle jobs, JobSubmitter submitter, JobValidator validator, JobEventFeed feed,
                       ObjectStore store, TrainerConfig config) {
        this.jobs = jobs;
        this.submitter = submitter;
        this.validator = validator;
        this.feed = feed;
        this.store = store;
        this.config = config;
    }

    @RolesAllowed(Roles.TRAINER)
    @POST
    @Operation(summary = "Submit a training job", description = "Publishes the job on training-jobs; a trainer picks it up.")
    @APIResponse(responseCode = "202", description = "Accepted; follow the Location header for its state")
    @APIResponse(responseCode = "400", description = "The job is invalid; the body says why")
    @APIResponse(responseCode = "429", description = "The dataset has as many jobs waiting as it may")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(implementation = JobRequest.class)))
    public Response submit(String body) {
        // Decoded and checked as the topic's consumer would, so a bad job gets the same reason here, at once.
        JobRequest request = MessageCodec.decode(body, JobRequest.class);
        TrainingJob job = TrainingJob.of(UUID.randomUUID().toString(), request.datasetId(), request.datasetVersion(),
                request.method(), request.hyperparameters());
        validator.check(job);
        checkQueue(job.datasetId());
        submitter.submit(job);
        return Response.accepted(job).location(URI.create("/jobs/" + job.jobId())).build();
    }

    /**
     * A cap on one dataset's waiting jobs, so that one team cannot fill the trainers' queue. Jobs count once a
     * trainer has recorded them (within a second of submission), so a burst may pass the cap by a few.
     */
    private void checkQueue(String datasetId) {
        long waiting = jobs.all().stream()
                .filter(r -> r.job().datasetId().equals(datasetId) && r.state() == JobState.QUEUED).count();
        if (waiting >= config.maxQueuedJobsPerDataset()) {
            throw new ClientErrorException("dataset " + datasetId + " has " + waiting + " jobs waiting for a trainer, "
                    + "the most it may (semisup.trainer.max-queued-jobs-per-dataset): wait until one starts or "
                    + "cancel one", 429);
        }
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Operation(summary = "List jobs, newest first")
    public List<JobRecord> list(@QueryParam("datasetId") String datasetId, @QueryParam("state") String state) {
        JobState wanted = state == null ? null : parseState(state);
        return jobs.all().stream()
                .filter(r -> datasetId == null || r.job().datasetId().equals(datasetId))
                .filter(r -> wanted == null || r.state() == wanted)
                .toList();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/defaults/{method}")
    @Operation(summary = "The engine's settings for a method, for what a job leaves out: what a job form shows")
    @APIResponse(responseCode = "200", description = "The settings a job of this method without hyperparameters trains with")
    @APIResponse(responseCode = "400", description = "Unknown method")
    public TrainingConfig defaults(@PathParam("method") String method) {
        return TrainingSettings.of(TrainingJob.of("defaults", "defaults", null, Method.of(method),
                Hyperparameters.defaults()), config.workers());
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{jobId}")
    @Operation(summary = "Show one job: state, settings, dataset version, per-epoch metrics, artifact links")
    @APIResponse(responseCode = "200", description = "The job's record")
    @APIResponse(responseCode = "404", description = "No such job (yet: a job just submitted appears once a trainer has queued it)")
    public JobRecord get(@PathParam("jobId") String jobId) {
        return require(jobId);
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{jobId}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Follow a job live (Server-Sent Events)",
            description = "First the job as it is now, then every event until it succeeds, fails or is cancelled.")
    @APIResponse(responseCode = "404", description = "No such job")
    public Multi<TrainingEvent> follow(@PathParam("jobId") String jobId) {
        require(jobId);
        return Multi.createFrom().<TrainingEvent>emitter(emitter -> {
            // Listen before reading the record, so nothing between the two is missed.
            Cancellable live = feed.events()
                    .filter(e -> e.jobId().equals(jobId))
                    .subscribe().with(e -> {
                        emitter.emit(e);
                        if (e.state().isFinal()) {
                            emitter.complete();
                        }
                    }, emitter::fail);
            emitter.onTermination(live::cancel);
            TrainingEvent now = JobEvents.snapshot(require(jobId));
            emitter.emit(now);
            if (now.state().isFinal()) {
                emitter.complete();
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @RolesAllowed(Roles.TRAINER)
    @DELETE
    @Path("/{jobId}")
    @Operation(summary = "Cancel a queued or running job")
    @APIResponse(responseCode = "202", description = "Cancellation requested; a running job stops within seconds")
    @APIResponse(responseCode = "404", description = "No such job")
    @APIResponse(responseCode = "409", description = "The job has already ended")
    public Response cancel(@PathParam("jobId") String jobId) {
        JobRecord record = require(jobId);
        if (record.state().isFinal()) {
            throw new ClientErrorException("job " + jobId + " has already ended: " + record.state(), Response.Status.CONFLICT);
        }
        return Response.accepted(jobs.cancel(record)).build();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{jobId}/model.onnx")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "Download the job's ONNX classifier")
    @APIResponse(responseCode = "404", description = "No such job, or it has no model (yet)")
    public byte[] model(@PathParam("jobId") String jobId) {
        return store.get(StorageLayout.MODELS_BUCKET, StorageLayout.model(jobId))
                .orElseThrow(() -> new NotFoundException("job " + jobId + " has no model"));
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{jobId}/report/{file}")
    @Operation(summary = "Download a report file: report.json, curves, confusion matrix, sample grids")
    @APIResponse(responseCode = "404", description = "No such job or file")
    public Response reportFile(@PathParam("jobId") String jobId, @PathParam("file") String file) {
        String key;
        try {
            key = StorageLayout.reportFile(jobId, file);
        } catch (InvalidMessageException e) {
            throw new NotFoundException("no report file " + file);
        }
        byte[] bytes = store.get(StorageLayout.JOBS_BUCKET, key)
                .orElseThrow(() -> new NotFoundException("job " + jobId + " has no report file " + file));
        return Response.ok(bytes, ModelPublisher.contentType(file)).build();
    }

    private JobRecord require(String jobId) {
        try {
            return jobs.find(jobId).orElseThrow(() -> new NotFoundException("no job " + jobId));
        } catch (InvalidMessageException e) {
            throw new NotFoundException("no job " + jobId);
        }
    }

    private static JobState parseState(String state) {
        try {
            return JobState.valueOf(state.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("unknown state '" + state + "', expected one of queued, running, succeeded, failed, cancelled");
        }
    }
}
