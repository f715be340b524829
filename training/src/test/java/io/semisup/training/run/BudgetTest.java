package io.semisup.training.run;

import io.semisup.contracts.job.Method;
import io.semisup.training.GeneratedImages;
import io.semisup.training.data.ImageDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A time budget ends the run at its deadline, mid-epoch if need be, with the learning rate annealed to it. */
class BudgetTest {

    @Test
    void aBudgetShorterThanAnEpochStopsTheEpoch(@TempDir Path runDir) {
        ImageDataset data = GeneratedImages.dataset(20, 6, 48, 10, 4);
        TrainingConfig config = MethodsTest.tiny(Method.SUPERVISED, 50).toBuilder()
                .timeBudget(Duration.ofMillis(1)).build();
        List<Integer> steps = new ArrayList<>();
        RunResult result = new TrainingRun(config, data, runDir, new ProgressListener() {
            @Override
            public void stepDone(String phase, int epoch, int step, int stepsPerEpoch, double loss, double imagesPerSecond) {
                steps.add(step);
            }
        }).run();

        assertEquals("time budget", result.stopReason());
        assertEquals(1, result.history().size());
        // The deadline passed during the first step: the epoch of 64 steps ends after it.
        assertEquals(List.of(1), steps);
    }

    /**
     * On a clock of the test's own — each reading 100 ms after the one before, so every step costs the same — not the
     * machine's: a pause of the test JVM (a collection near JavaCPP's memory cap) must not decide the outcome.
     */
    @Test
    void theLearningRateAnnealsToTheDeadline(@TempDir Path runDir) {
        ImageDataset data = GeneratedImages.dataset(20, 6, 48, 10, 4);
        double peak = 3e-3;
        TrainingConfig config = MethodsTest.tiny(Method.SUPERVISED, 1_000).toBuilder().learningRate(peak).warmupEpochs(0)
                .timeBudget(Duration.ofSeconds(6)).build();
        AtomicLong now = new AtomicLong();
        RunResult result = new TrainingRun(config, data, runDir, ProgressListener.NONE,
                () -> now.addAndGet(100_000_000)).run();

        assertEquals("time budget", result.stopReason());
        EpochRecord last = result.history().get(result.history().size() - 1);
        // Without the budget the cosine would run over 1,000 epochs: the rate would still be at its peak.
        assertTrue(last.learningRate() < 0.25 * peak, "learning rate at the deadline " + last.learningRate());
        assertTrue(result.seconds() < 6 + 5, "ran " + result.seconds() + " s for a 6 s budget");
    }
}
