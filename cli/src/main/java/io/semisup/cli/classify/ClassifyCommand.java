package io.semisup.cli.classify;

import com.fasterxml.jackson.databind.JsonNode;
import io.semisup.cli.api.Platform;
import io.semisup.cli.dataset.DatasetFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Classify an image with the served model, or score a dataset folder's held-back split.")
public class ClassifyCommand implements Callable<Integer> {

    @Mixin
    Platform platform;

    @Parameters(index = "0", description = "an image file, or a dataset folder")
    Path path;

    @Option(names = "--split", description = "split of a dataset folder to score (default: test, else validation)")
    String split;

    @Option(names = "--top", defaultValue = "3", description = "classes to show for one image (default ${DEFAULT-VALUE})")
    int top;

    @Override
    public Integer call() throws IOException {
        if (Files.isDirectory(path)) {
            DatasetFolder folder = new DatasetFolder(path);
            String chosen = split != null ? split : folder.heldOutSplit();
            HeldOutEvaluation.print(HeldOutEvaluation.run(platform.inference(), folder, chosen, 4), chosen, System.out);
            return 0;
        }
        JsonNode answer = platform.inference().postBytes("/classify?k=" + top, "application/octet-stream",
                Files.readAllBytes(path));
        System.out.println(path + " (model " + answer.path("modelId").asText() + "):");
        for (JsonNode label : answer.path("labels")) {
            System.out.printf("  %-20s %.3f%n", label.path("label").asText(), label.path("probability").asDouble());
        }
        return 0;
    }
}
