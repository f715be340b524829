package io.semisup.trainer.runner;

import io.semisup.contracts.dataset.VersionManifest;
import io.semisup.contracts.job.TrainingJob;
import io.semisup.trainer.dataset.DatasetLoader;
import io.semisup.trainer.dataset.DatasetVersions;
import io.semisup.trainer.job.JobLifecycle;
import io.semisup.trainer.job.JobRecord;
import io.semisup.trainer.job.RunningJob;
import io.semisup.trainer.model.ModelPublisher;
import io.semisup.training.Trainer;
import io.semisup.training.backend.Backend;
import io.semisup.training.data.ImageDataset;
import io.semisup.training.export.ModelCard;
import io.semisup.training.report.RunReport;
import io.semisup.training.run.TrainingConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

/**
 * One attempt at a job, from its dataset version to its announced model: fix the version, load the images, continue
 * from the stored checkpoint if there is one, train, store the results, announce the model.
 */
@ApplicationScoped
public class JobExecution {

    private final DatasetVersions versions;
    private final DatasetLoader loader;
    private final CheckpointStore checkpoints;
    private final ModelPublisher publisher;
    private final JobLifecycle jobs;
    private final TrainerConfig config;

    public JobExecution(DatasetVersions versions, DatasetLoader loader, CheckpointStore checkpoints,
                        ModelPublisher publisher, JobLifecycle jobs, TrainerConfig config) {
        this.versions = versions;
        this.loader = loader;
        this.checkpoints = checkpoints;
        this.publisher = publisher;
        this.jobs = jobs;
        this.config = config;
    }

    /** @param progressed called whenever the attempt gets on (images loaded, steps, epochs) */
    JobRecord run(RunningJob running, String instance, Runnable progressed) {
        JobRecord record = running.current();
        TrainingJob job = record.job();
        VersionManifest manifest = versions.resolve(job.datasetId(), record.datasetVersion());
        // The settings were fixed when the job was taken in: a resumed job keeps them, whatever the defaults are now.
        TrainingConfig settings = record.config();
        Backend.init();
        jobs.start(running, instance, manifest.version(), Backend.describe());

        Path runDir = config.workDir().resolve(job.jobId());
        deleteTree(runDir);
        JobProgress progress = new JobProgress(running, jobs, checkpoints, runDir, progressed);
        try {
            if (checkpoints.restore(job.jobId(), runDir)) {
                progress.message("continuing from the checkpoint of an earlier attempt");
            }
            int total = manifest.images().size();
            ImageDataset data = loader.load(manifest, settings.imageSize(), config.loaderThreads(), done -> {
                progressed.run();
                if (done % Math.max(1, total / 4) == 0 || done == total) {
                    progress.message(String.format("dataset %s %s: %d/%d images loaded (%d%%)", job.datasetId(),
                            manifest.version(), done, total, 100L * done / total));
                }
            });
            ModelCard.Origin origin = new ModelCard.Origin(job.jobId(), job.jobId(), job.datasetId(), manifest.version());
            RunReport report = Trainer.train(settings, data, runDir, origin, progress);
            Map<String, String> artifacts = publisher.store(job.jobId(), runDir);
            Map<String, Double> metrics = ModelPublisher.metrics(report);
            if (Thread.currentThread().isInterrupted()) {
                // Cancelled, or given up on by the runner, while the results were stored: announce no model.
                throw new CancellationException("interrupted before the model was announced");
            }
            publisher.announce(job, manifest.version(), report, metrics, artifacts);
            return jobs.succeed(running, metrics, artifacts, String.format("%s accuracy %.3f after %s",
                    report.evaluation().split(), report.evaluation().accuracy(), report.stopReason()));
        } finally {
            deleteTree(runDir);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }
}
