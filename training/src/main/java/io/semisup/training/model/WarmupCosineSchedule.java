package io.semisup.training.model;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonIgnore;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Learning rate per step: linear warm-up from near zero to the peak, then cosine decay to zero at the last step.
 * Part of the graph's configuration, so a checkpoint carries it and a resumed run continues on the same curve.
 * (Setting the rate on the graph every step instead rebuilds the updater each time.)
 * <p>
 * The last step can move while the phase runs ({@link #endAt}): a run with a time budget anneals to its deadline,
 * estimated from its measured step time, instead of stopping with the rate still high. DL4J gives every layer its own
 * copy of the updater, so copies share one horizon.
 */
public class WarmupCosineSchedule implements ISchedule {

    @JsonProperty
    private final double peak;
    @JsonProperty
    private final int warmupSteps;
    @JsonIgnore
    private final AtomicInteger totalSteps;

    public WarmupCosineSchedule(@JsonProperty("peak") double peak, @JsonProperty("warmupSteps") int warmupSteps,
                                @JsonProperty("totalSteps") int totalSteps) {
        this(peak, warmupSteps, new AtomicInteger(Math.max(1, totalSteps)));
    }

    private WarmupCosineSchedule(double peak, int warmupSteps, AtomicInteger totalSteps) {
        this.peak = peak;
        this.warmupSteps = Math.max(0, warmupSteps);
        this.totalSteps = totalSteps;
    }

    @JsonProperty("totalSteps")
    public int totalSteps() {
        return totalSteps.get();
    }

    /** Moves the end of the decay (for this schedule and every copy of it) to step {@code steps}. */
    public void endAt(int steps) {
        totalSteps.set(Math.max(1, steps));
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        int total = totalSteps.get();
        int warmup = Math.min(warmupSteps, total / 2);
        if (iteration < warmup) {
            return peak * (iteration + 1) / warmup;
        }
        double progress = Math.min(1.0, (double) (iteration - warmup) / Math.max(1, total - warmup));
        return peak * 0.5 * (1 + Math.cos(Math.PI * progress));
    }

    @Override
    public ISchedule clone() {
        return new WarmupCosineSchedule(peak, warmupSteps, totalSteps);
    }
}
