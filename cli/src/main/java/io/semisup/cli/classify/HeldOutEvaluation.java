package io.semisup.cli.classify;

import com.fasterxml.jackson.databind.JsonNode;
import io.semisup.cli.ProgressBars;
import io.semisup.cli.api.ServiceClient;
import io.semisup.cli.dataset.DatasetFolder;
import me.tongfei.progressbar.ProgressBar;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sends every image of a held-back split through {@code POST /classify}, as a client of the served model would, and
 * scores the answers: accuracy, per-class accuracy and the confusion matrix.
 */
public final class HeldOutEvaluation {

    /** @param confusion rows: true class, columns: predicted class, in {@code classes} order */
    public record Result(List<String> classes, int[][] confusion, String modelId, double seconds) {

        public int total() {
            int n = 0;
            for (int[] row : confusion) for (int v : row) n += v;
            return n;
        }

        public double accuracy() {
            int right = 0;
            for (int i = 0; i < confusion.length; i++) right += confusion[i][i];
            return total() == 0 ? 0 : (double) right / total();
        }

        public double classAccuracy(int c) {
            int n = 0;
            for (int v : confusion[c]) n += v;
            return n == 0 ? 0 : (double) confusion[c][c] / n;
        }
    }

    private HeldOutEvaluation() {
    }

    public static Result run(ServiceClient inference, DatasetFolder folder, String split, int concurrency) {
        List<DatasetFolder.LabeledFile> files = folder.labeled(split);
        if (files.isEmpty()) {
            throw new IllegalArgumentException(folder.root() + " has no " + split + "/<class>/ images to classify");
        }
        List<String> classes = folder.classes();
        int[][] confusion = new int[classes.size()][classes.size()];
        String[] modelId = {null};
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, concurrency));
        try (ProgressBar bar = ProgressBars.start("classifying " + split, files.size(), "images")) {
            List<Future<JsonNode>> answers = new ArrayList<>();
            for (DatasetFolder.LabeledFile file : files) {
                answers.add(pool.submit(() -> {
                    JsonNode answer = inference.postBytes("/classify?k=1", contentType(file.file().toString()),
                            Files.readAllBytes(file.file()));
                    bar.step();
                    return answer;
                }));
            }
            for (int i = 0; i < files.size(); i++) {
                JsonNode answer = answers.get(i).get();
                modelId[0] = answer.path("modelId").asText();
                String predicted = answer.path("labels").path(0).path("label").asText();
                int p = classes.indexOf(predicted);
                if (p < 0) {
                    throw new IllegalStateException("the served model answered '" + predicted
                            + "', which is not a class of " + folder.root() + " " + classes);
                }
                confusion[classes.indexOf(files.get(i).className())][p]++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new UncheckedIOException(new IOException(e.getCause()));
        } finally {
            pool.shutdownNow();
        }
        return new Result(classes, confusion, modelId[0], (System.nanoTime() - start) / 1e9);
    }

    public static void print(Result result, String split, PrintStream out) {
        out.printf("%n%s accuracy of model %s: %.1f%% (%d images, %.1f images/s through POST /classify)%n", split,
                result.modelId(), 100 * result.accuracy(), result.total(), result.total() / result.seconds());
        int width = Math.max(10, result.classes().stream().mapToInt(String::length).max().orElse(10) + 2);
        out.printf("%-" + width + "s %8s   predicted →%n", "class", "accuracy");
        out.printf("%-" + width + "s %8s  ", "", "");
        for (String c : result.classes()) out.printf(" %" + Math.max(6, c.length()) + "s", c);
        out.println();
        for (int i = 0; i < result.classes().size(); i++) {
            out.printf("%-" + width + "s %7.1f%%  ", result.classes().get(i), 100 * result.classAccuracy(i));
            for (int j = 0; j < result.classes().size(); j++) {
                out.printf(" %" + Math.max(6, result.classes().get(j).length()) + "d", result.confusion()[i][j]);
            }
            out.println();
        }
    }

    private static String contentType(String name) {
        String lower = name.toLowerCase();
        if (lower.endsWith(".png")) return "image/png";
        if (lower.endsWith(".jpg") || lower.endsWith(".jpeg")) return "image/jpeg";
        if (lower.endsWith(".gif")) return "image/gif";
        if (lower.endsWith(".bmp")) return "image/bmp";
        return "application/octet-stream";
    }
}
