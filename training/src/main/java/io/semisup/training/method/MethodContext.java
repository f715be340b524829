package io.semisup.training.method;

import io.semisup.training.data.Batches;
import io.semisup.training.data.ImageDataset;
import io.semisup.training.model.WarmupCosineSchedule;
import io.semisup.training.run.TrainingConfig;

/** What every phase of a run shares. */
public record MethodContext(TrainingConfig config, ImageDataset data, Batches batches) {

    /** An epoch is one pass over a phase's images, and at least this many, so that tiny labelled sets still train
     *  for a meaningful while between two evaluations. */
    static final int MIN_IMAGES_PER_EPOCH = 1024;

    /** The learning-rate curve of a phase: warm-up, then cosine decay over all of its steps. */
    WarmupCosineSchedule schedule(int epochs, int stepsPerEpoch) {
        return new WarmupCosineSchedule(config.learningRate(), (int) Math.round(config.warmupEpochs() * stepsPerEpoch),
                epochs * stepsPerEpoch);
    }

    int classes() {
        return data.classes().size();
    }

    int stepsFor(int images, int perStep) {
        int needed = Math.max(images, MIN_IMAGES_PER_EPOCH);
        return Math.max(1, (needed + perStep - 1) / perStep);
    }
}
