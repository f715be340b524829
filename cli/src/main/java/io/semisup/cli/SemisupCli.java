package io.semisup.cli;

import io.semisup.cli.api.ApiException;
import io.semisup.cli.classify.ClassifyCommand;
import io.semisup.cli.dataset.GenerateCommand;
import io.semisup.cli.dataset.ImportCommand;
import io.semisup.cli.job.TrainCommand;
import io.semisup.cli.job.WatchCommand;
import io.semisup.cli.label.LabelCommand;
import io.semisup.cli.label.SuggestCommand;
import io.semisup.cli.security.KeyCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code semisup <command>}: the platform from a terminal. */
@Command(name = "semisup", mixinStandardHelpOptions = true, version = "semisup 0.1.0",
        description = "Semi-supervised image classification: datasets in, served classifiers out.",
        subcommands = {DemoCommand.class, GenerateCommand.class, ImportCommand.class, TrainCommand.class,
                WatchCommand.class, ClassifyCommand.class, SuggestCommand.class, LabelCommand.class,
                        KeyCommand.class})
public class SemisupCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new SemisupCli())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    // What went wrong, for a person: the services' reasons, not a stack trace.
                    if (e instanceof ApiException || e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
                        cmd.getErr().println("semisup: " + e.getMessage());
                        return 1;
                    }
                    throw e;
                });
    }
}
