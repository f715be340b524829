package io.semisup.trainer.retraining;

import io.semisup.contracts.dataset.DatasetEvent;
import io.semisup.contracts.dataset.DatasetEventType;
import io.semisup.contracts.dataset.Split;
import io.semisup.contracts.job.JobState;
import io.semisup.contracts.job.TrainingJob;
import io.semisup.contracts.messaging.MessageCodec;
import io.semisup.trainer.dataset.DatasetVersions;
import io.semisup.trainer.job.JobRecord;
import io.semisup.trainer.job.JobRepository;
import io.semisup.trainer.job.JobSubmitter;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Watches {@code dataset-events} (one consumer group for all trainers, so each event is judged once): when a dataset
 * with retraining enabled has gained enough labelled images over the version of its latest model, it submits a job
 * with that model's method and settings on a fresh version. One retraining job at a time per dataset.
 */
@ApplicationScoped
public class RetrainingTrigger {

    private static final Logger LOG = Logger.getLogger(RetrainingTrigger.class);
    private static final Duration NOT_TAKEN_IN = Duration.ofMinutes(10);

    private final RetrainingPolicies policies;
    private final JobRepository jobs;
    private final DatasetVersions versions;
    private final JobSubmitter submitter;

    public RetrainingTrigger(RetrainingPolicies policies, JobRepository jobs, DatasetVersions versions,
                             JobSubmitter submitter) {
        this.policies = policies;
        this.jobs = jobs;
        this.versions = versions;
        this.submitter = submitter;
    }

    @Incoming("dataset-events")
    @Blocking
    public void on(String payload) {
        DatasetEvent event = MessageCodec.decode(payload, DatasetEvent.class);
        if (event.type() != DatasetEventType.IMAGES_LABELED && event.type() != DatasetEventType.IMAGES_ADDED) {
            return;
        }
        Optional<RetrainingPolicy> policy = policies.find(event.datasetId()).filter(RetrainingPolicy::enabled);
        if (policy.isEmpty()) {
            return;
        }
        List<JobRecord> datasetJobs = jobs.all().stream()
                .filter(r -> r.job().datasetId().equals(event.datasetId()))
                .toList();
        if (pending(policy.get(), datasetJobs)) {
            LOG.debugf("dataset %s: a retraining job is still pending", event.datasetId());
            return;
        }
        Optional<JobRecord> latest = datasetJobs.stream()
                .filter(r -> r.state() == JobState.SUCCEEDED && r.datasetVersion() != null)
                .max(Comparator.comparing(JobRecord::finishedAt));
        if (latest.isEmpty()) {
            LOG.infof("dataset %s gained labels, but has no model to retrain yet", event.datasetId());
            return;
        }
        long labeledThen = versions.manifest(event.datasetId(), latest.get().datasetVersion())
                .map(m -> m.countsBySplit().getOrDefault(Split.LABELED, 0L)).orElse(0L);
        long gained = event.countsBySplit().getOrDefault(Split.LABELED.id(), 0L) - labeledThen;
        if (gained < policy.get().minNewLabels()) {
            LOG.infof("dataset %s: %d new labelled images since %s, retraining at %d", event.datasetId(), gained,
                    latest.get().datasetVersion(), policy.get().minNewLabels());
            return;
        }
        TrainingJob previous = latest.get().job();
        TrainingJob job = TrainingJob.of(UUID.randomUUID().toString(), event.datasetId(), null, previous.method(),
                previous.hyperparameters());
        policies.save(policy.get().withLastJob(job.jobId()));
        submitter.submit(job);
        LOG.infof("dataset %s: %d new labelled images since %s: retraining as job %s (%s)", event.datasetId(), gained,
                latest.get().datasetVersion(), job.jobId(), job.method());
    }

    /** The last retraining job is not over yet (or not taken in by a trainer yet, for a while at most). */
    private static boolean pending(RetrainingPolicy policy, List<JobRecord> datasetJobs) {
        if (policy.lastJobId() == null) {
            return false;
        }
        return datasetJobs.stream().filter(r -> r.jobId().equals(policy.lastJobId())).findFirst()
                .map(r -> !r.state().isFinal())
                .orElse(policy.updatedAt().isAfter(Instant.now().minus(NOT_TAKEN_IN)));
    }
}
