package io.semisup.cli.label;

import com.fasterxml.jackson.databind.JsonNode;
import io.semisup.cli.api.Platform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "suggest", mixinStandardHelpOptions = true,
        description = {"Show which unlabelled images to label next, as ranked by the dataset's newest model.",
                "With --out, writes the images and a labels.csv to fill in (its class column) for 'semisup label'."})
public class SuggestCommand implements Callable<Integer> {

    @Mixin
    Platform platform;

    @Parameters(index = "0", description = "dataset id")
    String datasetId;

    @Option(names = "--strategy", description = "random, least-confidence, margin, entropy, typiclust or "
            + "margin-cluster (default: the service's, typiclust)")
    String strategy;

    @Option(names = {"-n", "--limit"}, defaultValue = "20", description = "how many images (default ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--out", description = "folder to write the images and labels.csv to")
    Path out;

    @Override
    public Integer call() throws IOException {
        String query = "?limit=" + limit + (strategy == null ? ""
                : "&strategy=" + URLEncoder.encode(strategy, StandardCharsets.UTF_8));
        JsonNode page = platform.datasets().get("/datasets/" + datasetId + "/suggestions" + query);
        System.out.printf("%s: %d images by %s, from model %s (dataset %s); %d more in its ranking, %d labelled "
                        + "since%n", datasetId, page.path("images").size(), page.path("strategy").asText(),
                page.path("modelId").asText(), page.path("datasetVersion").asText(), page.path("remaining").asInt(),
                page.path("labeledSince").asInt());
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"image", "class", "file", "guess", "probability"});
        if (out != null) {
            Files.createDirectories(out);
        }
        for (JsonNode image : page.path("images")) {
            JsonNode guess = image.path("guesses").path(0);
            String file = String.format("%03d-%s", image.path("rank").asInt(), safe(image.path("fileName").asText(
                    image.path("imageId").asText())));
            System.out.printf("%4d  %-24s  score %s  guess %s (%.2f)%n", image.path("rank").asInt(),
                    image.path("fileName").asText(image.path("imageId").asText()),
                    image.path("score").isNumber() ? String.format("%.3f", image.path("score").asDouble()) : "-",
                    guess.path("class").asText(), guess.path("probability").asDouble());
            if (out != null) {
                byte[] bytes = platform.datasets().getBytes("/datasets/" + datasetId + "/images/"
                        + image.path("imageId").asText());
                Files.write(out.resolve(file), bytes);
                rows.add(new String[]{image.path("imageId").asText(), "", file, guess.path("class").asText(),
                        String.format("%.3f", guess.path("probability").asDouble())});
            }
        }
        if (out != null) {
            LabelCsv.write(out.resolve("labels.csv"), rows);
            System.out.println("wrote " + page.path("images").size() + " images and " + out.resolve("labels.csv")
                    + ": fill in the class column, then: semisup label " + datasetId + " " + out.resolve("labels.csv"));
        }
        return 0;
    }

    /** A file name without folders or characters a file system may refuse. */
    private static String safe(String name) {
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        return base.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
