package io.semisup.cli.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.semisup.cli.ProgressBars;
import io.semisup.cli.api.ApiException;
import io.semisup.cli.api.ServiceClient;
import io.semisup.contracts.job.JobState;
import io.semisup.contracts.job.TrainingEvent;
import io.semisup.contracts.messaging.MessageCodec;
import me.tongfei.progressbar.ProgressBar;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Follows a job's Server-Sent Events with a progress bar per phase (epochs, loss, accuracy, ETA) until it ends. The
 * bar moves within an epoch too, with the trainer's step events, so its percentage and ETA do not wait minutes for
 * the epoch's end. The stream is read again if it breaks while the job still runs.
 */
public final class JobWatcher {

    private static final Duration RECORDED_WITHIN = Duration.ofMinutes(2);
    /** The bar counts hundredths of an epoch and shows whole epochs. */
    private static final int PER_EPOCH = 100;

    private JobWatcher() {
    }

    /** @return the job's record once it has ended */
    public static JsonNode watch(ServiceClient trainer, String jobId, PrintStream out) {
        awaitRecorded(trainer, jobId);
        ProgressBar bar = null;
        String phase = null;
        TrainerEta eta = new TrainerEta();
        try {
            while (true) {
                try (Stream<String> lines = trainer.events("/jobs/" + jobId + "/events")) {
                    Iterator<String> it = lines.iterator();
                    while (it.hasNext()) {
                        String line = it.next();
                        if (!line.startsWith("data:")) {
                            continue;
                        }
                        TrainingEvent event = MessageCodec.decode(line.substring(5).trim(), TrainingEvent.class);
                        if (event.epoch() != null && event.state() == JobState.RUNNING) {
                            if (bar == null || !event.message().equals(phase)) {
                                if (bar != null) {
                                    bar.close();
                                }
                                phase = event.message();
                                eta = new TrainerEta();
                                bar = ProgressBars.start(phase, (long) event.totalEpochs() * PER_EPOCH, "epochs", PER_EPOCH,
                                        eta::left);
                            }
                            bar.stepTo(position(event));
                            if (!event.withinEpoch()) {
                                bar.setExtraMessage(summary(event.metrics()));
                                eta.update(event.metrics().get("etaSeconds"));
                            }
                        } else if (event.state().isFinal()) {
                            if (bar != null) {
                                bar.close();
                                bar = null;
                            }
                            return trainer.get("/jobs/" + jobId);
                        } else if (event.message() != null && event.epoch() == null) {
                            if (bar == null) {
                                out.printf("[%s] %s%n", event.state(), event.message());
                            }
                        }
                    }
                }
                JsonNode record = trainer.get("/jobs/" + jobId);
                if (JobState.valueOf(record.path("state").asText()).isFinal()) {
                    return record;
                }
            }
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
    }

    /** Hundredths of epochs done: the epoch that ended, or the steps reached within the one running. */
    static long position(TrainingEvent event) {
        long done = (long) (event.withinEpoch() ? event.epoch() - 1 : event.epoch()) * PER_EPOCH;
        if (event.withinEpoch()) {
            done += Math.round(PER_EPOCH * event.metrics().get(TrainingEvent.STEP) / event.metrics().get(TrainingEvent.STEPS));
        }
        return done;
    }

    /** A job just submitted is known once a trainer has taken it off Kafka: a moment, or longer if none runs. */
    private static void awaitRecorded(ServiceClient trainer, String jobId) {
        long deadline = System.nanoTime() + RECORDED_WITHIN.toNanos();
        while (true) {
            try {
                trainer.get("/jobs/" + jobId);
                return;
            } catch (ApiException e) {
                if (e.status() != 404 || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private static String summary(Map<String, Double> m) {
        StringBuilder s = new StringBuilder();
        if (m.containsKey("loss")) s.append(String.format("loss %.3f", m.get("loss")));
        if (m.containsKey("validationAccuracy")) s.append(String.format("  val acc %.3f", m.get("validationAccuracy")));
        if (m.containsKey("imagesPerSecond")) s.append(String.format("  %.0f img/s", m.get("imagesPerSecond")));
        return s.toString();
    }
}
