package io.semisup.trainer.job;

import io.semisup.contracts.job.Hyperparameters;
import io.semisup.contracts.job.Method;
import io.semisup.contracts.job.TrainingJob;
import io.semisup.training.data.LabeledView;
import io.semisup.training.run.TrainingConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a job names reaches the engine; what it leaves out keeps the engine's defaults. */
class TrainingSettingsTest {

    @Test
    void fixMatchOptionsReachTheEngine() {
        // The opposite of the engine's defaults (SoftMatch with alignment, from 2 contrastive epochs).
        Hyperparameters h = new Hyperparameters(null, null, null, null, null, null, null, 0, null, null, 20.0, null,
                null, null, 0.9, 0.5, true, false, false, null, null, null);
        TrainingConfig config = TrainingSettings.of(TrainingJob.of("j", "d", null, Method.FIXMATCH, h), 2);
        assertFalse(config.softWeighting());
        assertFalse(config.distributionAlignment());
        assertTrue(config.adaptiveThreshold());
        assertEquals(0, config.pretrainEpochs());
        assertEquals(0.9, config.confidenceThreshold());
        assertEquals(0.5, config.unlabeledWeight());
        assertEquals(20, config.timeBudget().toMinutes());
    }

    @Test
    void theLabelledViewReachesTheEngineAndDefaultsToStrongForSupervisedAndFixMatch() {
        Hyperparameters weak = new Hyperparameters(null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, "weak");
        assertEquals(LabeledView.WEAK, TrainingSettings.of(TrainingJob.of("j", "d", null, Method.SUPERVISED, weak), 2)
                .labeledView());
        assertEquals(LabeledView.STRONG, TrainingSettings.of(TrainingJob.of("j", "d", null, Method.SUPERVISED,
                Hyperparameters.defaults()), 2).labeledView());
        assertEquals(LabeledView.STRONG, TrainingSettings.of(TrainingJob.of("j", "d", null, Method.FIXMATCH,
                Hyperparameters.defaults()), 2).labeledView());
        assertEquals(LabeledView.WEAK, TrainingSettings.of(TrainingJob.of("j", "d", null, Method.SIMCLR_FINETUNE,
                Hyperparameters.defaults()), 2).labeledView());
    }

    @Test
    void unsetOptionsKeepTheEngineDefaults() {
        TrainingConfig config = TrainingSettings.of(TrainingJob.of("j", "d", null, Method.FIXMATCH,
                Hyperparameters.defaults()), 2);
        assertEquals(TrainingConfig.builder(Method.FIXMATCH).workers(2).build(), config);
    }
}
