package io.semisup.training.run;

import java.time.Duration;

/**
 * Time left in a phase as people should see it: the rate so far times what is left, but never past the time
 * budget's end (a budgeted run is given many epochs it will not reach, so the rate alone promises far too long).
 */
public final class Eta {

    private Eta() {
    }

    /**
     * @param elapsed       time spent on the {@code done} units so far
     * @param untilDeadline time left to the budget's end (negative once it has passed), or null without a budget
     * @return the estimate, or null when there is neither a rate nor a deadline to go by
     */
    public static Duration of(Duration elapsed, long done, long remaining, Duration untilDeadline) {
        if (untilDeadline != null && untilDeadline.isNegative()) {
            return Duration.ZERO;
        }
        if (done <= 0 || remaining < 0) {
            return untilDeadline;
        }
        Duration byRate = elapsed.multipliedBy(remaining).dividedBy(done);
        return untilDeadline == null || byRate.compareTo(untilDeadline) < 0 ? byRate : untilDeadline;
    }
}
