package io.semisup.cli.job;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TrainerEtaTest {

    @Test
    void countsDownFromTheTrainersLastEstimate() {
        AtomicLong now = new AtomicLong();
        TrainerEta eta = new TrainerEta(now::get);
        assertEquals(Optional.empty(), eta.left());

        eta.update(120.0);
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        assertEquals(Optional.of(Duration.ofSeconds(90)), eta.left());

        eta.update(null); // a step event: no new estimate
        assertEquals(Optional.of(Duration.ofSeconds(90)), eta.left());

        eta.update(40.0);
        now.addAndGet(Duration.ofSeconds(50).toNanos());
        assertEquals(Optional.of(Duration.ZERO), eta.left(), "never below zero");
    }
}
