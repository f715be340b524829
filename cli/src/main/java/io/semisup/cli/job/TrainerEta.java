package io.semisup.cli.job;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The trainer's estimate of a phase's time left, counting down between its epoch events. The trainer knows the
 * job's time budget; the bar's own guess (the rate so far times the epochs asked for) does not, and a budgeted job is
 * given many epochs it will not reach.
 */
final class TrainerEta {

    private final LongSupplier nanoClock;
    private volatile Duration estimate;
    private volatile long estimatedAt;

    TrainerEta() {
        this(System::nanoTime);
    }

    TrainerEta(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** @param seconds the trainer's estimate as of now, or null when the event carries none */
    void update(Double seconds) {
        if (seconds != null) {
            estimatedAt = nanoClock.getAsLong();
            estimate = Duration.ofMillis(Math.round(1000 * seconds));
        }
    }

    /** The last estimate less the time since, or empty before the first. */
    Optional<Duration> left() {
        Duration e = estimate;
        if (e == null) {
            return Optional.empty();
        }
        Duration left = e.minusNanos(nanoClock.getAsLong() - estimatedAt);
        return Optional.of(left.isNegative() ? Duration.ZERO : left);
    }
}
