package io.semisup.training.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TrainCommandTest {

    @Test
    void theEtaFollowsTheRateButNeverPassesTheBudget() {
        // 10 of 1,000 epochs' steps in a minute: the rate says 99 minutes, a 20-minute budget has 19 left.
        assertEquals(Duration.ofMinutes(19), TrainCommand.eta(Duration.ofMinutes(1), 10, 990, Duration.ofMinutes(19)));
        // Half done in a minute: the rate's minute comes first.
        assertEquals(Duration.ofMinutes(1), TrainCommand.eta(Duration.ofMinutes(1), 50, 50, Duration.ofMinutes(19)));
        assertEquals(Duration.ofMinutes(19), TrainCommand.eta(Duration.ZERO, 0, 100, Duration.ofMinutes(19)));
        assertEquals(Duration.ZERO, TrainCommand.eta(Duration.ofMinutes(21), 10, 90, Duration.ofMinutes(-1)));
    }

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
