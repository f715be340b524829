package io.semisup.training.run;

import java.time.Duration;

/** Receives a run's progress: the CLI draws a progress bar, the trainer-service publishes events. */
public interface ProgressListener {

    /** @param timeLeft the phase's share of the time budget (it stops then), or null without a budget */
    default void phaseStarted(String phase, int index, int phases, int epochs, int stepsPerEpoch, Duration timeLeft) {
    }

    default void stepDone(String phase, int epoch, int step, int steps, double loss, double imagesPerSecond) {
    }

    default void epochDone(EpochRecord record) {
    }

    default void message(String text) {
    }

    ProgressListener NONE = new ProgressListener() {
    };
}
