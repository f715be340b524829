package io.semisup.cli.dataset;

import io.semisup.cli.api.Platform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Create a dataset from a folder in the dataset layout (labeled/<class>/, unlabeled/, validation/<class>/, test/<class>/).")
public class ImportCommand implements Callable<Integer> {

    @Mixin
    Platform platform;

    @Parameters(index = "0", description = "the dataset folder")
    Path folder;

    @Option(names = "--name", description = "dataset name (default: the folder's name)")
    String name;

    @Override
    public Integer call() {
        String id = DatasetImport.run(platform.datasets(), new DatasetFolder(folder),
                name != null ? name : folder.toAbsolutePath().normalize().getFileName().toString(), System.out);
        System.out.println("dataset " + id);
        return 0;
    }
}
