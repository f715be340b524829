package io.semisup.training.report;

import io.semisup.training.run.EpochRecord;
import io.semisup.training.run.TrainingConfig;

import java.util.List;
import java.util.Map;

/**
 * Everything a person compares runs by, as written to {@code report.json} next to the charts.
 *
 * @param classes           class names, in the classifier's output order
 * @param images            images per split
 * @param backend           ND4J backend, native variant and helper state
 * @param stopReason        why training ended
 * @param trainingSeconds   time spent training (evaluation included)
 * @param throughput        measured speed
 */
public record RunReport(
        TrainingConfig config,
        List<String> classes,
        Map<String, Integer> images,
        String backend,
        List<EpochRecord> epochs,
        ClassifierEvaluation evaluation,
        String stopReason,
        double trainingSeconds,
        Throughput throughput) {

    /**
     * @param trainImagesPerSecond   mean over the run's epochs, rows through forward and backward pass per step-second
     * @param trainGflopsPerSecond   the same in GFLOP/s: a trained row counts three forward passes of the encoder, a
     *                               row only predicted (FixMatch's weak views) one
     * @param matmulGflopsPerSecond  the machine's ceiling: the best large float matrix product
     * @param ceilingShare           train GFLOP/s as a share of the ceiling
     */
    public record Throughput(double trainImagesPerSecond, double trainGflopsPerSecond, double matmulGflopsPerSecond,
                             double ceilingShare) {
    }
}
