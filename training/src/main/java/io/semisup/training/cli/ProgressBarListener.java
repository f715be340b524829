package io.semisup.training.cli;

import io.semisup.training.run.EpochRecord;
import io.semisup.training.run.ProgressListener;
import me.tongfei.progressbar.ProgressBar;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A progress bar per phase (steps, loss, images/s, ETA) and one line per finished epoch. Under a time budget the ETA
 * is never later than the budget's end (a budgeted run is given many epochs it will not reach).
 */
final class ProgressBarListener implements ProgressListener, AutoCloseable {

    private ProgressBar bar;
    private int stepsPerEpoch;

    @Override
    public void phaseStarted(String phase, int index, int phases, int epochs, int stepsPerEpoch, Duration timeLeft) {
        close();
        this.stepsPerEpoch = stepsPerEpoch;
        bar = TrainCommand.bar(String.format("phase %d/%d %s", index + 1, phases, phase), (long) epochs * stepsPerEpoch,
                timeLeft == null ? null : Instant.now().plus(timeLeft));
    }

    @Override
    public void stepDone(String phase, int epoch, int step, int steps, double loss, double imagesPerSecond) {
        if (bar != null) {
            bar.stepTo((long) (epoch - 1) * stepsPerEpoch + step);
            bar.setExtraMessage(String.format(Locale.ROOT, "epoch %d loss %.4f %.0f img/s", epoch, loss, imagesPerSecond));
        }
    }

    @Override
    public void epochDone(EpochRecord r) {
        message(String.format(Locale.ROOT, "%s epoch %d: loss %s, train acc %s, val acc %s, lr %.2e, %.1f img/s, %.0fs",
                r.phase(), r.epoch(), r.losses(), fmt(r.trainAccuracy()), fmt(r.validationAccuracy()), r.learningRate(),
                r.imagesPerSecond(), r.seconds()));
    }

    /** A line of its own, above the bar. */
    @Override
    public void message(String text) {
        if (bar != null) {
            bar.pause();
            System.out.println();
            System.out.println(text);
            bar.resume();
        } else {
            System.out.println(text);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    private static String fmt(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
