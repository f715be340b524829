package io.semisup.trainer.job;

import java.time.Instant;
import java.util.Map;

/**
 * One finished epoch of a job, as stored in its record and published on {@code training-events}.
 *
 * @param phase      the method's phase ("joint", "contrastive", "fine-tune", ...)
 * @param phaseIndex 1-based position of the phase among {@code phases}
 * @param epoch      1-based within the phase, out of {@code epochs}
 * @param metrics    losses ({@code loss}, {@code loss.<head>}), accuracies, learning rate, images/s, ETA in seconds
 */
public record EpochProgress(String phase, int phaseIndex, int phases, int epoch, int epochs,
                            Map<String, Double> metrics, Instant finishedAt) {
}
