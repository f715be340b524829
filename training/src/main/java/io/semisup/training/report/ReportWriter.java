package io.semisup.training.report;

import io.semisup.contracts.messaging.MessageCodec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a run's report folder: {@code report.json} and the charts ({@code loss.png}, {@code accuracy.png},
 * {@code schedule.png}, {@code confusion.png}); and a comparison folder for several runs.
 */
public final class ReportWriter {

    public static final String REPORT_JSON = "report.json";
    public static final List<String> RUN_CHARTS = List.of("loss.png", "accuracy.png", "schedule.png", "confusion.png");

    private ReportWriter() {
    }

    public static void write(RunReport report, Path dir) {
        try {
            Files.createDirectories(dir);
            MessageCodec.mapper().writerWithDefaultPrettyPrinter().writeValue(dir.resolve(REPORT_JSON).toFile(), report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report in " + dir, e);
        }
        Charts.losses(report.epochs(), dir.resolve("loss.png"));
        Charts.accuracy(report.epochs(), dir.resolve("accuracy.png"));
        Charts.schedule(report.epochs(), dir.resolve("schedule.png"));
        Charts.confusion(report.evaluation(), report.classes(), dir.resolve("confusion.png"));
    }

    public static RunReport read(Path dir) {
        try {
            return MessageCodec.mapper().readValue(dir.resolve(REPORT_JSON).toFile(), RunReport.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(REPORT_JSON), e);
        }
    }

    /**
     * Compares runs by folder name: {@code comparison.png} (validation accuracy against training time),
     * {@code comparison-accuracy.png} (final accuracy) and {@code comparison.md} (a table).
     */
    public static void compare(List<Path> runDirs, Path out) {
        Map<String, RunReport> runs = new LinkedHashMap<>();
        for (Path dir : runDirs) {
            runs.put(dir.getFileName().toString(), read(dir));
        }
        try {
            Files.createDirectories(out);
            StringBuilder table = new StringBuilder("| run | method | accuracy | split | epochs | minutes | train images/s |\n"
                    + "|---|---|---|---|---|---|---|\n");
            runs.forEach((name, r) -> table.append(String.format("| %s | %s | %s | %s | %d | %.1f | %.1f |%n", name,
                    r.config().method(), Charts.percent(r.evaluation().accuracy()), r.evaluation().split(),
                    r.epochs().size(), r.trainingSeconds() / 60, r.throughput().trainImagesPerSecond())));
            Files.writeString(out.resolve("comparison.md"), table);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the comparison in " + out, e);
        }
        Charts.comparisonCurves(runs, out.resolve("comparison.png"));
        Charts.comparisonBars(runs, out.resolve("comparison-accuracy.png"));
    }
}
