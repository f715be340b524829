package io.semisup.training.run;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationPacerTest {

    @Test
    void anEvaluationCostingAThirdOfAnEpochRunsAboutEverySixEpochs() {
        EvaluationPacer pacer = new EvaluationPacer();
        List<Integer> evaluated = new ArrayList<>();
        for (int epoch = 1; epoch <= 100; epoch++) {
            if (pacer.due(3.0, epoch == 100)) {
                evaluated.add(epoch);
                pacer.evaluated(0.9137);
            }
        }
        // Due again once 5% of the training time covers every evaluation so far (0.9137 s each: 18.27 s of it).
        assertEquals(List.of(1, 7, 13, 19, 25, 31, 37, 43, 49, 55, 61, 68, 74, 80, 86, 92, 98, 100), evaluated);
    }

    @Test
    void aCheapEvaluationRunsAfterEveryEpoch() {
        EvaluationPacer pacer = new EvaluationPacer();
        for (int epoch = 1; epoch <= 10; epoch++) {
            assertTrue(pacer.due(10.0, false), "epoch " + epoch);
            pacer.evaluated(0.1);
        }
    }

    @Test
    void theFirstAndTheLastEpochAreEvaluatedWhateverTheyCost() {
        EvaluationPacer pacer = new EvaluationPacer();
        assertTrue(pacer.due(0.001, false));
        pacer.evaluated(100);
        assertFalse(pacer.due(1, false));
        assertTrue(pacer.due(1, true));
    }
}
