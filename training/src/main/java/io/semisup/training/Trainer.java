package io.semisup.training;

import io.semisup.contracts.dataset.Split;
import io.semisup.contracts.messaging.MessageCodec;
import io.semisup.contracts.suggestion.Suggestions;
import io.semisup.training.backend.Backend;
import io.semisup.training.data.ImageDataset;
import io.semisup.training.export.ModelCard;
import io.semisup.training.export.OnnxExporter;
import io.semisup.training.report.ReportWriter;
import io.semisup.training.report.RunReport;
import io.semisup.training.run.EpochRecord;
import io.semisup.training.run.ProgressListener;
import io.semisup.training.run.RunResult;
import io.semisup.training.run.TrainingConfig;
import io.semisup.training.run.TrainingRun;
import io.semisup.training.suggest.Suggester;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's front door: trains a method on a dataset into a run folder (checkpoints, {@code classifier.zip},
 * {@code model.onnx}, {@code report.json}, charts, and {@code suggestions.json} — which unlabelled images to label
 * next — when the dataset has unlabelled images) and returns the report. Calling it again on the same folder resumes
 * the run.
 */
public final class Trainer {

    public static final String CLASSIFIER_FILE = "classifier.zip";
    public static final String ONNX_FILE = "model.onnx";

    private Trainer() {
    }

    public static RunReport train(TrainingConfig config, ImageDataset data, Path runDir, ModelCard.Origin origin,
                                  ProgressListener progress) {
        Backend.init();
        progress.message(Backend.describe());
        RunResult result = new TrainingRun(config, data, runDir, progress).run();
        try {
            Files.createDirectories(runDir);
            ModelSerializer.writeModel(result.classifier(), runDir.resolve(CLASSIFIER_FILE).toFile(), false);
            ModelCard card = ModelCard.of(origin, config, data.classes());
            Files.write(runDir.resolve(ONNX_FILE), OnnxExporter.export(result.classifier(), card));
            Optional<Suggestions> suggestions = Suggester.suggest(result.classifier(), data, config, progress);
            if (suggestions.isPresent()) {
                Files.writeString(runDir.resolve(Suggestions.FILE), MessageCodec.encode(suggestions.get()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the classifier in " + runDir, e);
        }
        RunReport report = new RunReport(config, data.classes(), counts(data), Backend.describe(), result.history(),
                result.evaluation(), result.stopReason(), result.seconds(), throughput(config, result));
        ReportWriter.write(report, runDir);
        return report;
    }

    private static Map<String, Integer> counts(ImageDataset data) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Split split : Split.values()) {
            counts.put(split.name().toLowerCase(), data.split(split).size());
        }
        return counts;
    }

    private static RunReport.Throughput throughput(TrainingConfig config, RunResult result) {
        double imagesPerSecond = result.history().stream().mapToDouble(EpochRecord::imagesPerSecond).average().orElse(0);
        double gflops = result.passesPerSecond() * config.encoder().forwardFlops(config) / 1e9;
        double ceiling = Backend.matmulCeiling();
        return new RunReport.Throughput(imagesPerSecond, gflops, ceiling, gflops / ceiling);
    }
}
