package io.semisup.training.gan;

import io.semisup.training.run.TrainingFailedException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A discriminator certain about every image for a whole epoch stops the run; a fighting one does not. */
class CollapseGuardTest {

    @Test
    void certaintyForAWholeEpochIsCollapse() {
        CollapseGuard guard = new CollapseGuard();
        for (int step = 0; step < 10; step++) {
            guard.record(0.9 - step * 0.05);
        }
        assertDoesNotThrow(() -> guard.epochEnded("sgan", 1));
        guard.record(5e-3);
        for (int step = 0; step < 20; step++) {
            guard.record(1e-5);
        }
        TrainingFailedException failed = assertThrows(TrainingFailedException.class, () -> guard.epochEnded("sgan", 2));
        assertTrue(failed.getMessage().contains("discriminator collapse in epoch 2"), failed.getMessage());
    }
}
