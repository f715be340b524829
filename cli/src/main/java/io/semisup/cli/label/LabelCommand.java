package io.semisup.cli.label;

import com.fasterxml.jackson.databind.JsonNode;
import io.semisup.cli.api.Platform;
import io.semisup.cli.api.ServiceClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

@Command(name = "label", mixinStandardHelpOptions = true,
        description = {"Give unlabelled images their classes from a CSV file: image (its id, or the name it was "
                + "uploaded under), class.",
                "A header row naming 'image' and 'class' may place them anywhere (as 'semisup suggest --out' writes "
                        + "labels.csv); rows without a class are skipped."})
public class LabelCommand implements Callable<Integer> {

    /** Labels sent per request: the dataset-service writes its index once per request. */
    static final int BATCH = 500;
    private static final Pattern IMAGE_ID = Pattern.compile("[0-9a-f]{64}");

    @Mixin
    Platform platform;

    @Parameters(index = "0", description = "dataset id")
    String datasetId;

    @Parameters(index = "1", description = "CSV file: image,class")
    Path file;

    @Override
    public Integer call() throws IOException {
        List<LabelCsv.Row> rows = LabelCsv.read(file);
        ServiceClient datasets = platform.datasets();
        Map<String, String> byFileName = rows.stream().allMatch(r -> IMAGE_ID.matcher(r.image()).matches())
                ? Map.of() : unlabeledByFileName(datasets);
        List<Map<String, String>> labels = new ArrayList<>(rows.size());
        for (LabelCsv.Row row : rows) {
            String id = IMAGE_ID.matcher(row.image()).matches() ? row.image() : byFileName.get(row.image());
            if (id == null) {
                throw new IllegalArgumentException(file + " line " + row.line() + ": no unlabelled image of dataset "
                        + datasetId + " has the id or file name '" + row.image() + "'");
            }
            if (id.isEmpty()) {
                throw new IllegalArgumentException(file + " line " + row.line() + ": several unlabelled images were "
                        + "uploaded as '" + row.image() + "'; name it by its image id");
            }
            Map<String, String> label = new LinkedHashMap<>();
            label.put("imageId", id);
            label.put("class", row.className());
            labels.add(label);
        }
        for (int from = 0; from < labels.size(); from += BATCH) {
            datasets.post("/datasets/" + datasetId + "/labels", labels.subList(from, Math.min(labels.size(),
                    from + BATCH)));
        }
        JsonNode dataset = datasets.get("/datasets/" + datasetId);
        System.out.printf("%s: %d images labelled; now %s%n", datasetId, labels.size(), dataset.path("countsBySplit"));
        return 0;
    }

    /** Upload name → image id of every unlabelled image; "" for a name several images share. */
    private Map<String, String> unlabeledByFileName(ServiceClient datasets) {
        Map<String, String> ids = new HashMap<>();
        for (int page = 0; ; page++) {
            JsonNode answer = datasets.get("/datasets/" + datasetId + "/images?split=unlabeled&size=1000&page=" + page);
            for (JsonNode image : answer.path("items")) {
                ids.merge(image.path("fileName").asText(), image.path("id").asText(), (a, b) -> "");
            }
            if ((long) (page + 1) * 1000 >= answer.path("total").asLong()) {
                return ids;
            }
        }
    }
}
