package io.semisup.training.run;

import io.semisup.contracts.job.Method;
import io.semisup.training.data.LabeledView;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a method does when a job names nothing but the method. */
class TrainingConfigDefaultsTest {

    @Test
    void fixMatchIsSoftMatchWithAlignmentFromABrieflyPretrainedEncoder() {
        TrainingConfig config = TrainingConfig.builder(Method.FIXMATCH).build();
        assertEquals(2, config.pretrainEpochs());
        assertTrue(config.softWeighting());
        assertTrue(config.distributionAlignment());
        assertFalse(config.adaptiveThreshold());
    }

    @Test
    void askingForFlexMatchThresholdsTurnsSoftWeightingOff() {
        TrainingConfig config = TrainingConfig.builder(Method.FIXMATCH).adaptiveThreshold(true).build();
        assertTrue(config.adaptiveThreshold());
        assertFalse(config.softWeighting());
        assertThrows(IllegalArgumentException.class,
                () -> TrainingConfig.builder(Method.FIXMATCH).adaptiveThreshold(true).softWeighting(true).build());
    }

    @Test
    void otherMethodsHaveNoPseudoLabelOptions() {
        TrainingConfig config = TrainingConfig.builder(Method.SUPERVISED).build();
        assertEquals(0, config.pretrainEpochs());
        assertFalse(config.softWeighting());
        assertFalse(config.distributionAlignment());
    }

    @Test
    void supervisedTrainingAndFixMatchSeeStrongViewsOfTheirLabelledImagesTheOtherMethodsWeakOnes() {
        for (Method method : Method.values()) {
            LabeledView expected = method == Method.SUPERVISED || method == Method.FIXMATCH
                    ? LabeledView.STRONG : LabeledView.WEAK;
            assertEquals(expected, TrainingConfig.builder(method).build().labeledView(), method.toString());
        }
        assertEquals(LabeledView.WEAK, TrainingConfig.builder(Method.SUPERVISED).labeledView(LabeledView.WEAK).build()
                .labeledView());
    }
}
