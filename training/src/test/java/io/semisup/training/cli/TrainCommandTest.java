package io.semisup.training.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TrainCommandTest {

    @Test
    void budgetsReadAsPeopleWriteThem() {
        assertEquals(Duration.ofSeconds(90), TrainCommand.parseDuration("90s"));
        assertEquals(Duration.ofMinutes(20), TrainCommand.parseDuration("20m"));
        assertEquals(Duration.ofHours(1), TrainCommand.parseDuration("1h"));
        assertEquals(Duration.ofMinutes(20), TrainCommand.parseDuration("PT20M"));
        assertEquals("budget '20 minutes': use 90s, 20m, 1h or ISO-8601 (PT20M)",
                assertThrows(IllegalArgumentException.class, () -> TrainCommand.parseDuration("20 minutes")).getMessage());
    }
}
