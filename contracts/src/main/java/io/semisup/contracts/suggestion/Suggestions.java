package io.semisup.contracts.suggestion;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.semisup.contracts.messaging.Check;
import io.semisup.contracts.messaging.InvalidMessageException;

import java.util.List;
import java.util.Map;

/**
 * What a trained model says about a dataset version's unlabelled images: for each strategy the images in the order a
 * person should label them, and for every image named there the model's best guesses and its scores. The trainer
 * writes it next to the model's report ({@code suggestions.json}); the dataset-service keeps the newest one per dataset
 * and answers from it, leaving out images labelled since.
 *
 * @param classes  class names in the model's output order
 * @param images   every image that appears in at least one ranking
 * @param rankings strategy → indices into {@code images}, the first to label first
 */
public record Suggestions(int schemaVersion, List<String> classes, List<ScoredImage> images,
                          Map<Strategy, List<Integer>> rankings) {

    public static final int SCHEMA_VERSION = 1;
    /** The file's name next to the report. */
    public static final String FILE = "suggestions.json";

    public Suggestions {
        Check.schemaVersion("Suggestions", schemaVersion, SCHEMA_VERSION);
        classes = List.copyOf(Check.notEmpty("classes", classes));
        images = List.copyOf(Check.present("images", images));
        rankings = Map.copyOf(Check.present("rankings", rankings));
        for (Map.Entry<Strategy, List<Integer>> ranking : rankings.entrySet()) {
            for (int index : ranking.getValue()) {
                if (index < 0 || index >= images.size()) {
                    throw new InvalidMessageException("ranking " + ranking.getKey() + " names image " + index
                            + " of " + images.size());
                }
            }
        }
    }

    /**
     * One unlabelled image as the model sees it.
     *
     * @param imageId the dataset's image id (or the file's name where the engine read a folder)
     * @param guesses the most probable classes, most probable first
     * @param scores  strategy → its score for this image (higher = label sooner); random has none
     * @param cluster the image's cluster among the representations (-1 where no clustering ran)
     */
    public record ScoredImage(String imageId, List<Guess> guesses, Map<Strategy, Double> scores, int cluster) {
        public ScoredImage {
            Check.present("imageId", imageId);
            guesses = List.copyOf(Check.present("guesses", guesses));
            scores = Map.copyOf(Check.present("scores", scores));
        }
    }

    public record Guess(@JsonProperty("class") String className, double probability) {
    }
}
