package io.semisup.contracts.storage;

import io.semisup.contracts.messaging.Check;

import java.util.List;

/**
 * Where everything lives in object storage: three buckets, and one key scheme per kind of object. Every service
 * builds its keys here, so a key written by one service is found by another.
 *
 * <pre>
 * datasets/{datasetId}/dataset.json                      dataset record (name, classes, created/updated)
 * datasets/{datasetId}/index.json                        every current image: its split, class, size
 * datasets/{datasetId}/images/{imageId}                  image bytes, imageId = content hash
 * datasets/{datasetId}/versions/{version}/manifest.json  immutable snapshot: every image, its split and class
 * datasets/{datasetId}/suggestions.json                  the newest model's labelling suggestions for the dataset
 * jobs/{jobId}/job.json                                  job record: config, state, per-epoch metrics
 * jobs/{jobId}/checkpoints/{name}                        resumable training state (the latest generation)
 * jobs/{jobId}/cancel-requested                          marker: someone asked to cancel the job
 * jobs/{jobId}/report/{file}                             metrics JSON, curves and confusion matrix PNGs, sample grids,
 *                                                        suggestions.json (the trainer's ranking of unlabelled images)
 * jobs/_retraining/{datasetId}.json                      retraining policy of a dataset ('_' never starts a job id)
 * models/{modelId}/model.onnx                            the served classifier
 * </pre>
 */
public final class StorageLayout {

    public static final String DATASETS_BUCKET = "datasets";
    public static final String JOBS_BUCKET = "jobs";
    public static final String MODELS_BUCKET = "models";

    public static final List<String> BUCKETS = List.of(DATASETS_BUCKET, JOBS_BUCKET, MODELS_BUCKET);

    private StorageLayout() {
    }

    public static String datasetPrefix(String datasetId) {
        return Check.id("datasetId", datasetId) + "/";
    }

    public static String datasetRecord(String datasetId) {
        return datasetPrefix(datasetId) + "dataset.json";
    }

    public static String imageIndex(String datasetId) {
        return datasetPrefix(datasetId) + "index.json";
    }

    public static String versionsPrefix(String datasetId) {
        return datasetPrefix(datasetId) + "versions/";
    }

    public static String image(String datasetId, String imageId) {
        return datasetPrefix(datasetId) + "images/" + Check.id("imageId", imageId);
    }

    public static String suggestions(String datasetId) {
        return datasetPrefix(datasetId) + "suggestions.json";
    }

    public static String versionManifest(String datasetId, String version) {
        return versionsPrefix(datasetId) + Check.id("version", version) + "/manifest.json";
    }

    public static String jobPrefix(String jobId) {
        return Check.id("jobId", jobId) + "/";
    }

    public static String jobRecord(String jobId) {
        return jobPrefix(jobId) + "job.json";
    }

    public static String checkpoint(String jobId, String name) {
        return checkpointsPrefix(jobId) + Check.id("checkpoint", name);
    }

    public static String checkpointsPrefix(String jobId) {
        return jobPrefix(jobId) + "checkpoints/";
    }

    public static String cancelMarker(String jobId) {
        return jobPrefix(jobId) + "cancel-requested";
    }

    public static String reportPrefix(String jobId) {
        return jobPrefix(jobId) + "report/";
    }

    public static String retrainingPolicy(String datasetId) {
        return "_retraining/" + Check.id("datasetId", datasetId) + ".json";
    }

    public static String reportFile(String jobId, String file) {
        return reportPrefix(jobId) + Check.id("report file", file);
    }

    public static String model(String modelId) {
        return Check.id("modelId", modelId) + "/model.onnx";
    }
}
