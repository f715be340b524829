package io.semisup.trainer.model;

import io.semisup.contracts.job.TrainingJob;
import io.semisup.contracts.messaging.MessageCodec;
import io.semisup.contracts.model.ModelEvent;
import io.semisup.contracts.storage.StorageLayout;
import io.semisup.contracts.suggestion.Suggestions;
import io.semisup.storage.ObjectStore;
import io.semisup.training.Trainer;
import io.semisup.training.report.RunReport;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Stores what a finished run produced (the ONNX classifier in {@code models}, the report, curves, confusion matrix,
 * sample grids and labelling suggestions under {@code jobs/{jobId}/report/}) and announces the model on
 * {@code model-events}. A job's model has the job's id, so a job that runs twice still yields one model.
 */
@ApplicationScoped
public class ModelPublisher {

    public static final String MODEL_ARTIFACT = "model.onnx";

    private final ObjectStore store;
    private final MutinyEmitter<String> modelEvents;

    public ModelPublisher(ObjectStore store, @Channel("model-events") MutinyEmitter<String> modelEvents) {
        this.store = store;
        this.modelEvents = modelEvents;
    }

    /** @return artifact name → the trainer-service path that downloads it */
    public Map<String, String> store(String jobId, Path runDir) {
        Map<String, String> artifacts = new LinkedHashMap<>();
        try {
            store.put(StorageLayout.MODELS_BUCKET, StorageLayout.model(jobId),
                    Files.readAllBytes(runDir.resolve(Trainer.ONNX_FILE)), "application/octet-stream");
            artifacts.put(MODEL_ARTIFACT, "/jobs/" + jobId + "/model.onnx");
            for (Path file : reportFiles(runDir)) {
                String name = file.getFileName().toString();
                store.put(StorageLayout.JOBS_BUCKET, StorageLayout.reportFile(jobId, name), Files.readAllBytes(file),
                        contentType(name));
                artifacts.put(name, "/jobs/" + jobId + "/report/" + name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the results of job " + jobId, e);
        }
        return artifacts;
    }

    /** @param artifacts what {@link #store} stored: the announcement names the suggestions if there are some */
    public ModelEvent announce(TrainingJob job, String datasetVersion, RunReport report, Map<String, Double> metrics,
                               Map<String, String> artifacts) {
        String suggestions = artifacts.containsKey(Suggestions.FILE)
                ? StorageLayout.reportFile(job.jobId(), Suggestions.FILE) : null;
        ModelEvent event = new ModelEvent(ModelEvent.SCHEMA_VERSION, job.jobId(), job.jobId(), job.datasetId(),
                datasetVersion, job.method(), report.classes(), metrics, StorageLayout.model(job.jobId()),
                StorageLayout.reportPrefix(job.jobId()), suggestions, Instant.now());
        modelEvents.sendMessageAndAwait(KafkaRecord.of(event.modelId(), MessageCodec.encode(event)));
        return event;
    }

    /** What people compare models by: accuracy on the held-out split (test, else validation), and training time. */
    public static Map<String, Double> metrics(RunReport report) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(report.evaluation().split() + "Accuracy", report.evaluation().accuracy());
        metrics.put("trainingSeconds", report.trainingSeconds());
        metrics.put("imagesPerSecond", report.throughput().trainImagesPerSecond());
        return metrics;
    }

    /** Everything the report writer put next to the model; the engine's own files stay behind. */
    private static List<Path> reportFiles(Path runDir) throws IOException {
        try (Stream<Path> files = Files.list(runDir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> {
                        String name = f.getFileName().toString();
                        return !name.equals(Trainer.ONNX_FILE) && !name.equals(Trainer.CLASSIFIER_FILE);
                    })
                    .sorted()
                    .toList();
        }
    }

    public static String contentType(String name) {
        if (name.endsWith(".png")) return "image/png";
        if (name.endsWith(".json")) return "application/json";
        if (name.endsWith(".md")) return "text/markdown";
        return "application/octet-stream";
    }
}
