package io.semisup.training.cli;

import io.semisup.training.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** Draws the comparison of several finished runs. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare finished runs: comparison.png, comparison-accuracy.png and comparison.md.")
public final class CompareCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, description = "folder for the comparison")
    Path out;

    @Parameters(arity = "1..*", description = "run folders (each with report.json)")
    List<Path> runs;

    @Override
    public Integer call() throws Exception {
        ReportWriter.compare(runs, out);
        System.out.print(Files.readString(out.resolve("comparison.md")));
        System.out.println("charts: " + out.resolve("comparison.png") + ", " + out.resolve("comparison-accuracy.png"));
        return 0;
    }
}
