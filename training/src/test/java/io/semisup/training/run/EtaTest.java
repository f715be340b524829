package io.semisup.training.run;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class EtaTest {

    @Test
    void followsTheRateButNeverPassesTheBudget() {
        // 10 of 1,000 epochs' steps in a minute: the rate says 99 minutes, a 20-minute budget has 19 left.
        assertEquals(Duration.ofMinutes(19), Eta.of(Duration.ofMinutes(1), 10, 990, Duration.ofMinutes(19)));
        // Half done in a minute: the rate's minute comes first.
        assertEquals(Duration.ofMinutes(1), Eta.of(Duration.ofMinutes(1), 50, 50, Duration.ofMinutes(19)));
        assertEquals(Duration.ofMinutes(19), Eta.of(Duration.ZERO, 0, 100, Duration.ofMinutes(19)));
        assertEquals(Duration.ZERO, Eta.of(Duration.ofMinutes(21), 10, 90, Duration.ofMinutes(-1)));
    }

    @Test
    void withoutABudgetTheRateAlone() {
        assertEquals(Duration.ofMinutes(99), Eta.of(Duration.ofMinutes(1), 10, 990, null));
        assertNull(Eta.of(Duration.ZERO, 0, 100, null));
    }
}
