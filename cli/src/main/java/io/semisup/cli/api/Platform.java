package io.semisup.cli.api;

import picocli.CommandLine.Option;

/**
 * Where the three services are: options shared by every command, defaulting to the environment and then to the
 * embedded default's ports.
 */
public class Platform {

    @Option(names = "--dataset-url", description = "dataset-service (env SEMISUP_DATASET_URL, default ${DEFAULT-VALUE})",
            defaultValue = "${env:SEMISUP_DATASET_URL:-http://127.0.0.1:8081}")
    String datasetUrl;

    @Option(names = "--trainer-url", description = "trainer-service (env SEMISUP_TRAINER_URL, default ${DEFAULT-VALUE})",
            defaultValue = "${env:SEMISUP_TRAINER_URL:-http://127.0.0.1:8082}")
    String trainerUrl;

    @Option(names = "--inference-url", description = "inference-service (env SEMISUP_INFERENCE_URL, default ${DEFAULT-VALUE})",
            defaultValue = "${env:SEMISUP_INFERENCE_URL:-http://127.0.0.1:8083}")
    String inferenceUrl;

    public ServiceClient datasets() {
        return new ServiceClient("dataset-service", datasetUrl);
    }

    public ServiceClient trainer() {
        return new ServiceClient("trainer-service", trainerUrl);
    }

    public ServiceClient inference() {
        return new ServiceClient("inference-service", inferenceUrl);
    }
}
