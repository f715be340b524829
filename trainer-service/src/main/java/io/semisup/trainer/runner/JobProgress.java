package io.semisup.trainer.runner;

import io.semisup.contracts.job.TrainingEvent;
import io.semisup.trainer.job.EpochProgress;
import io.semisup.trainer.job.JobLifecycle;
import io.semisup.trainer.job.RunningJob;
import io.semisup.training.run.EpochRecord;
import io.semisup.training.run.Eta;
import io.semisup.training.run.ProgressListener;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the engine's progress into what people and other trainers see: after every epoch the checkpoint goes to
 * object storage first (so the record never claims an epoch a resumed job would lose), then the epoch goes into the
 * job record and onto {@code training-events}. Within an epoch, the step reached goes onto {@code training-events}
 * every few seconds (progress bars and ETAs move between epochs minutes apart), and steps are logged by quarters.
 */
final class JobProgress implements ProgressListener {

    private static final Logger LOG = Logger.getLogger(JobProgress.class);
    private static final long STEP_EVENT_NANOS = 5_000_000_000L;

    private final RunningJob job;
    private final JobLifecycle jobs;
    private final CheckpointStore checkpoints;
    private final Path runDir;
    private final Runnable progressed;
    private String phase = "";
    private int phaseIndex;
    private int phases;
    private int phaseEpochs;
    private double phaseSeconds;
    private Instant phaseDeadline;
    private int epochsTimed;
    private int lastLoggedQuarter = -1;
    private long lastStepEvent = System.nanoTime();

    JobProgress(RunningJob job, JobLifecycle jobs, CheckpointStore checkpoints, Path runDir, Runnable progressed) {
        this.job = job;
        this.jobs = jobs;
        this.checkpoints = checkpoints;
        this.runDir = runDir;
        this.progressed = progressed;
    }

    @Override
    public void phaseStarted(String name, int index, int count, int epochs, int stepsPerEpoch, Duration timeLeft) {
        phase = name;
        phaseDeadline = timeLeft == null ? null : Instant.now().plus(timeLeft);
        phaseIndex = index + 1;
        phases = count;
        phaseEpochs = epochs;
        phaseSeconds = 0;
        epochsTimed = 0;
        message(String.format("phase %d/%d %s: %d epochs of %d steps", phaseIndex, phases, name, epochs, stepsPerEpoch));
    }

    @Override
    public void stepDone(String name, int epoch, int step, int steps, double loss, double imagesPerSecond) {
        progressed.run();
        long now = System.nanoTime();
        if (now - lastStepEvent >= STEP_EVENT_NANOS && step < steps) {
            lastStepEvent = now;
            Map<String, Double> m = new LinkedHashMap<>();
            m.put(TrainingEvent.STEP, (double) step);
            m.put(TrainingEvent.STEPS, (double) steps);
            m.put("loss", loss);
            m.put("imagesPerSecond", imagesPerSecond);
            m.put("phase", (double) phaseIndex);
            m.put("phases", (double) phases);
            jobs.step(job.jobId(), name, epoch, phaseEpochs, m);
        }
        int quarter = 4 * step / steps;
        if (quarter != lastLoggedQuarter && quarter > 0) {
            lastLoggedQuarter = quarter % 4;
            LOG.infof("job %s: %s epoch %d/%d %3d%% (loss %.4f, %.1f images/s)", job.jobId(), name, epoch,
                    phaseEpochs, 100 * step / steps, loss, imagesPerSecond);
        }
    }

    @Override
    public void epochDone(EpochRecord record) {
        progressed.run();
        checkpoints.save(job.jobId(), runDir);
        phaseSeconds += record.seconds();
        epochsTimed++;
        // A budgeted job is given many epochs it will not reach: its ETA ends with the budget.
        Duration eta = Eta.of(Duration.ofMillis((long) (1000 * phaseSeconds)), epochsTimed,
                phaseEpochs - record.epoch(), phaseDeadline == null ? null : Duration.between(Instant.now(), phaseDeadline));
        EpochProgress progress = new EpochProgress(record.phase(), phaseIndex, phases, record.epoch(), phaseEpochs,
                metrics(record, eta.toMillis() / 1000.0), Instant.now());
        jobs.epoch(job, progress);
        LOG.infof("job %s: %s epoch %d/%d done (%s)", job.jobId(), record.phase(), record.epoch(), phaseEpochs,
                progress.metrics());
    }

    @Override
    public void message(String text) {
        progressed.run();
        LOG.infof("job %s: %s", job.jobId(), text);
        jobs.message(job.jobId(), text);
    }

    private static Map<String, Double> metrics(EpochRecord record, double etaSeconds) {
        Map<String, Double> m = new LinkedHashMap<>();
        record.losses().forEach((name, value) -> m.put(name.equals("total") ? "loss" : "loss." + name, value));
        if (record.trainAccuracy() != null) m.put("trainAccuracy", record.trainAccuracy());
        if (record.validationAccuracy() != null) m.put("validationAccuracy", record.validationAccuracy());
        m.put("learningRate", record.learningRate());
        m.put("imagesPerSecond", record.imagesPerSecond());
        m.put("epochSeconds", record.seconds());
        m.put("etaSeconds", etaSeconds);
        return m;
    }
}
