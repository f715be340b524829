package io.semisup.dataset;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.semisup.testing.EndpointAccess;
import io.semisup.testing.LocalStackResource;

import java.util.Map;

import static io.semisup.contracts.security.Roles.ADMIN;
import static io.semisup.contracts.security.Roles.LABELLER;
import static io.semisup.contracts.security.Roles.TRAINER;
import static io.semisup.contracts.security.Roles.VIEWER;

/** Who may call each operation of the dataset-service (README, security). */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class EndpointSecurityTest extends EndpointAccess {

    @Override
    protected Map<String, String> rules() {
        return Map.ofEntries(
                Map.entry("POST /datasets", LABELLER),
                Map.entry("GET /datasets", VIEWER),
                Map.entry("GET /datasets/{id}", VIEWER),
                Map.entry("DELETE /datasets/{id}", ADMIN),
                Map.entry("POST /datasets/{datasetId}/images", LABELLER),
                Map.entry("GET /datasets/{datasetId}/images", VIEWER),
                Map.entry("GET /datasets/{datasetId}/images/{imageId}", VIEWER),
                Map.entry("DELETE /datasets/{datasetId}/images/{imageId}", ADMIN),
                Map.entry("POST /datasets/{datasetId}/labels", LABELLER),
                Map.entry("POST /datasets/{datasetId}/archive", LABELLER),
                Map.entry("GET /datasets/{datasetId}/suggestions", VIEWER),
                Map.entry("POST /datasets/{datasetId}/versions", TRAINER),
                Map.entry("GET /datasets/{datasetId}/versions", VIEWER),
                Map.entry("GET /datasets/{datasetId}/versions/{version}", VIEWER));
    }
}
