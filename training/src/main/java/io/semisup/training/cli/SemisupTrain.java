package io.semisup.training.cli;

import io.semisup.training.run.TrainingFailedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code semisup-train train|compare}: the engine from the command line, for benchmarks and demos. */
@Command(name = "semisup-train", mixinStandardHelpOptions = true, subcommands = {TrainCommand.class, CompareCommand.class},
        description = "Train and compare semi-supervised image classifiers.")
public final class SemisupTrain {

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new SemisupTrain());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof TrainingFailedException || e instanceof IllegalArgumentException) {
                line.getErr().println("error: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        System.exit(cli.execute(args));
    }
}
