package io.semisup.trainer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.semisup.testing.EndpointAccess;
import io.semisup.testing.LocalStackResource;

import java.util.Map;

import static io.semisup.contracts.security.Roles.TRAINER;
import static io.semisup.contracts.security.Roles.VIEWER;

/** Who may call each operation of the trainer-service (README, security). */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class EndpointSecurityTest extends EndpointAccess {

    @Override
    protected Map<String, String> rules() {
        return Map.ofEntries(
                Map.entry("POST /jobs", TRAINER),
                Map.entry("GET /jobs", VIEWER),
                Map.entry("GET /jobs/{jobId}", VIEWER),
                Map.entry("GET /jobs/defaults/{method}", VIEWER),
                Map.entry("DELETE /jobs/{jobId}", TRAINER),
                Map.entry("GET /jobs/{jobId}/events", VIEWER),
                Map.entry("GET /jobs/{jobId}/model.onnx", VIEWER),
                Map.entry("GET /jobs/{jobId}/report/{file}", VIEWER),
                Map.entry("GET /retraining/{datasetId}", VIEWER),
                Map.entry("PUT /retraining/{datasetId}", TRAINER));
    }
}
