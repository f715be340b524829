package io.semisup.training.model;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Learning rate per step: linear warm-up from near zero to the peak, then cosine decay to zero at the last step.
 * Part of the graph's configuration, so a checkpoint carries it and a resumed run continues on the same curve.
 * (Setting the rate on the graph every step instead rebuilds the updater each time.)
 */
public class WarmupCosineSchedule implements ISchedule {

    @JsonProperty
    private final double peak;
    @JsonProperty
    private final int warmupSteps;
    @JsonProperty
    private final int totalSteps;

    public WarmupCosineSchedule(@JsonProperty("peak") double peak, @JsonProperty("warmupSteps") int warmupSteps,
                                @JsonProperty("totalSteps") int totalSteps) {
        this.peak = peak;
        this.warmupSteps = Math.max(0, Math.min(warmupSteps, totalSteps / 2));
        this.totalSteps = Math.max(1, totalSteps);
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        if (iteration < warmupSteps) {
            return peak * (iteration + 1) / warmupSteps;
        }
        double progress = Math.min(1.0, (double) (iteration - warmupSteps) / Math.max(1, totalSteps - warmupSteps));
        return peak * 0.5 * (1 + Math.cos(Math.PI * progress));
    }

    @Override
    public ISchedule clone() {
        return new WarmupCosineSchedule(peak, warmupSteps, totalSteps);
    }
}
