package io.semisup.cli;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One look for every progress bar of the CLI: redrawn in place on a terminal; in a file or pipe, a line every 10 s
 * while progress moves instead of carriage-return updates.
 */
public final class ProgressBars {

    private ProgressBars() {
    }

    public static ProgressBar start(String task, long total, String unit) {
        return start(task, total, unit, 1);
    }

    /** @param unitSize counts per unit shown: the bar moves by counts, the ratio shows whole units */
    public static ProgressBar start(String task, long total, String unit, long unitSize) {
        return start(task, total, unit, unitSize, null);
    }

    /** @param eta the time left as someone else knows it (the bar's own guess is the rate so far), or null */
    public static ProgressBar start(String task, long total, String unit, long unitSize,
                                    Supplier<Optional<Duration>> eta) {
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setUnit(" " + unit, unitSize)
                .setStyle(ProgressBarStyle.ASCII);
        if (System.console() != null) {
            builder.setUpdateIntervalMillis(250).continuousUpdate();
        } else {
            builder.setConsumer(new DelegatingProgressBarConsumer(System.out::println, 120)).setUpdateIntervalMillis(10_000);
        }
        if (eta != null) {
            builder.setEtaFunction(state -> eta.get());
        }
        return builder.build();
    }
}
