package io.semisup.trainer.job;

import io.semisup.contracts.job.TrainingJob;
import io.semisup.contracts.messaging.MessageCodec;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.net.URI;
import java.util.List;
import java.util.UUID;

@Path("/jobs")
@Blocking
public class JobResource {

    private final JobRepository jobs;
    private final MutinyEmitter<String> submissions;

    public JobResource(JobRepository jobs, @Channel("job-submissions") MutinyEmitter<String> submissions) {
        this.jobs = jobs;
        this.submissions = submissions;
    }

    @POST
    @Operation(summary = "Submit a training job", description = "Publishes the job on training-jobs; a trainer picks it up.")
    @APIResponse(responseCode = "202", description = "Accepted; follow the Location header for its state")
    @APIResponse(responseCode = "400", description = "The job is invalid; the body says why")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(implementation = JobRequest.class)))
    public Response submit(String body) {
        // Decoded by the contract codec, so a bad field gets the same reason here as on the topic.
        JobRequest request = MessageCodec.decode(body, JobRequest.class);
        TrainingJob job = TrainingJob.of(UUID.randomUUID().toString(), request.datasetId(), request.datasetVersion(),
                request.method(), request.hyperparameters());
        submissions.sendMessageAndAwait(KafkaRecord.of(job.jobId(), MessageCodec.encode(job)));
        return Response.accepted(job).location(URI.create("/jobs/" + job.jobId())).build();
    }

    @GET
    @Operation(summary = "List jobs, newest first")
    public List<JobRecord> list() {
        return jobs.all();
    }

    @GET
    @Path("/{jobId}")
    @Operation(summary = "Show one job")
    @APIResponse(responseCode = "200", description = "The job's record")
    @APIResponse(responseCode = "404", description = "No such job (yet: a job just submitted appears once a trainer has queued it)")
    public JobRecord get(@PathParam("jobId") String jobId) {
        return jobs.find(jobId).orElseThrow(() -> new NotFoundException("no job " + jobId));
    }
}
