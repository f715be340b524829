package io.semisup.cli.api;

import io.semisup.contracts.security.ApiKeys;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where the three services are and the key to call them with: options shared by every command, defaulting to the
 * environment and then to the embedded default's ports.
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

    @Option(names = "--api-key-file", description = "a file holding the API key to call with (env "
            + "SEMISUP_API_KEY_FILE; deploy/semisup.sh cli passes the embedded default's admin key)",
            defaultValue = "${env:SEMISUP_API_KEY_FILE}")
    Path apiKeyFile;

    public ServiceClient datasets() {
        return new ServiceClient("dataset-service", datasetUrl, apiKey());
    }

    public ServiceClient trainer() {
        return new ServiceClient("trainer-service", trainerUrl, apiKey());
    }

    public ServiceClient inference() {
        return new ServiceClient("inference-service", inferenceUrl, apiKey());
    }

    /** The key from the file, or null: the services then answer 401 with the reason. */
    private String apiKey() {
        if (apiKeyFile == null) {
            return null;
        }
        try {
            return ApiKeys.read(apiKeyFile);
        } catch (IOException e) {
            throw new ApiException(0, "cannot read the API key file " + apiKeyFile + ": " + e);
        }
    }
}
