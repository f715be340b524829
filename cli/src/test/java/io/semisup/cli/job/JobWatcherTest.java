package io.semisup.cli.job;

import io.semisup.contracts.job.JobState;
import io.semisup.contracts.job.TrainingEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JobWatcherTest {

    @Test
    void theBarMovesWithinAnEpochAndLandsOnItsEnd() {
        // A quarter into epoch 3 of 10: two epochs and a quarter done.
        assertEquals(225, JobWatcher.position(event(3, Map.of(TrainingEvent.STEP, 8.0, TrainingEvent.STEPS, 32.0))));
        // Epoch 3 has ended.
        assertEquals(300, JobWatcher.position(event(3, Map.of("loss", 0.7))));
    }

    private static TrainingEvent event(int epoch, Map<String, Double> metrics) {
        return new TrainingEvent(TrainingEvent.SCHEMA_VERSION, "job", JobState.RUNNING, epoch, 10, metrics, "fixmatch",
                Instant.now());
    }
}
