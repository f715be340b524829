package io.semisup.trainer.job;

import io.semisup.contracts.job.Hyperparameters;
import io.semisup.contracts.job.TrainingJob;
import io.semisup.training.data.LabeledView;
import io.semisup.training.model.Encoder;
import io.semisup.training.model.Stem;
import io.semisup.training.run.TrainingConfig;

import java.time.Duration;
import java.util.Locale;

/** A job's hyperparameters as engine settings: what the job names, the engine's defaults for the rest. */
public final class TrainingSettings {

    private TrainingSettings() {
    }

    /** @throws IllegalArgumentException when the combination is not trainable (the engine says why) */
    public static TrainingConfig of(TrainingJob job, int workers) {
        Hyperparameters h = job.hyperparameters();
        TrainingConfig.Builder b = TrainingConfig.builder(job.method()).workers(workers);
        if (h.epochs() != null) b.epochs(h.epochs());
        if (h.batchSize() != null) b.batchSize(h.batchSize());
        if (h.imageSize() != null) b.imageSize(h.imageSize());
        if (h.widthMultiplier() != null) b.widthMultiplier(h.widthMultiplier());
        if (h.temperature() != null) b.temperature(h.temperature());
        if (h.learningRate() != null) b.learningRate(h.learningRate());
        if (h.seed() != null) b.seed(h.seed());
        if (h.pretrainEpochs() != null) b.pretrainEpochs(h.pretrainEpochs());
        if (h.labeledFraction() != null) b.labeledFraction(h.labeledFraction());
        if (h.patience() != null) b.patience(h.patience());
        if (h.timeBudgetMinutes() != null) b.timeBudget(Duration.ofMillis(Math.round(h.timeBudgetMinutes() * 60_000)));
        if (h.stem() != null) b.stem(Stem.of(h.stem()));
        if (h.encoder() != null) b.encoder(Encoder.of(h.encoder()));
        if (h.optimizer() != null) b.optimizer(TrainingConfig.Optimizer.valueOf(h.optimizer().toUpperCase(Locale.ROOT)));
        if (h.weightDecay() != null) b.weightDecay(h.weightDecay());
        if (h.confidenceThreshold() != null) b.confidenceThreshold(h.confidenceThreshold());
        if (h.unlabeledWeight() != null) b.unlabeledWeight(h.unlabeledWeight());
        if (h.adaptiveThreshold() != null) b.adaptiveThreshold(h.adaptiveThreshold());
        if (h.distributionAlignment() != null) b.distributionAlignment(h.distributionAlignment());
        if (h.softWeighting() != null) b.softWeighting(h.softWeighting());
        if (h.emaDecay() != null) b.emaDecay(h.emaDecay());
        if (h.labeledView() != null) b.labeledView(LabeledView.of(h.labeledView()));
        return b.build();
    }
}
