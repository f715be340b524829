package io.semisup.cli.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import io.semisup.cli.api.ServiceClient;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Creates a dataset in the dataset-service and imports a folder into it as one archive. */
public final class DatasetImport {

    private DatasetImport() {
    }

    /** @return the new dataset's id */
    public static String run(ServiceClient datasets, DatasetFolder folder, String name, PrintStream out) {
        JsonNode dataset = datasets.post("/datasets", Map.of("name", name, "classes", folder.classes()));
        String id = dataset.path("id").asText();
        Path zip = DatasetArchive.zip(folder);
        try {
            out.printf("uploading %s (%.1f MB) to dataset %s ...%n", folder.root(), size(zip) / 1e6, id);
            JsonNode report = datasets.postFile("/datasets/" + id + "/archive", "application/zip", zip);
            out.printf("imported %d images (%s) in %.1f s, %d duplicates, %d refused%n",
                    report.path("accepted").asInt(), report.path("acceptedBySplit"), report.path("seconds").asDouble(),
                    report.path("duplicates").asInt(), report.path("refused").size());
            for (JsonNode refused : report.path("refused")) {
                out.printf("  refused %s: %s%n", refused.path("file").asText(), refused.path("reason").asText());
            }
        } finally {
            zip.toFile().delete();
        }
        return id;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
