package io.semisup.training.run;

import io.semisup.contracts.job.Method;
import io.semisup.training.GeneratedImages;
import io.semisup.training.data.ImageDataset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A run stopped after an epoch and resumed from its checkpoint ends exactly where the uninterrupted run ends. */
class CheckpointResumeTest {

    private static final class Stop extends RuntimeException {
    }

    /**
     * simclr-finetune crosses a phase boundary; fixmatch (its defaults: SoftMatch's weights and distribution alignment;
     * without pretraining, so that the crash lands in FixMatch) carries pseudo-label records, the moving prediction
     * mean, the confidence moments and the weight average.
     */
    @ParameterizedTest
    @EnumSource(value = Method.class, names = {"SIMCLR_FINETUNE", "FIXMATCH"})
    void resumedRunEqualsUninterruptedRun(Method method, @TempDir Path straight, @TempDir Path interrupted) {
        ImageDataset data = GeneratedImages.dataset(20, 6, 48, 10, 3);
        TrainingConfig config = method == Method.FIXMATCH
                ? MethodsTest.tiny(method, 2).toBuilder().pretrainEpochs(0).build()
                : MethodsTest.tiny(method, 2);

        RunResult reference = new TrainingRun(config, data, straight, ProgressListener.NONE).run();

        ProgressListener crashAfterFirstEpoch = new ProgressListener() {
            @Override
            public void epochDone(EpochRecord record) {
                throw new Stop();
            }
        };
        assertThrows(Stop.class, () -> new TrainingRun(config, data, interrupted, crashAfterFirstEpoch).run());
        assertEquals(1, Checkpoint.load(interrupted).orElseThrow().state().history().size());

        RunResult resumed = new TrainingRun(config, data, interrupted, ProgressListener.NONE).run();

        assertEquals(reference.history().size(), resumed.history().size());
        for (int i = 0; i < reference.history().size(); i++) {
            assertEquals(reference.history().get(i).losses(), resumed.history().get(i).losses(), "epoch " + (i + 1));
        }
        assertArrayEquals(reference.classifier().params().toFloatVector(), resumed.classifier().params().toFloatVector(),
                1e-6f);
        assertEquals(reference.evaluation().accuracy(), resumed.evaluation().accuracy());
    }
}
