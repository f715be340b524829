package io.semisup.inference;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.semisup.testing.EndpointAccess;
import io.semisup.testing.LocalStackResource;

import java.util.Map;

import static io.semisup.contracts.security.Roles.ADMIN;
import static io.semisup.contracts.security.Roles.VIEWER;

/** Who may call each operation of the inference-service (README, security). */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class EndpointSecurityTest extends EndpointAccess {

    @Override
    protected Map<String, String> rules() {
        return Map.ofEntries(
                Map.entry("POST /classify", VIEWER),
                Map.entry("POST /classify/batch", VIEWER),
                Map.entry("GET /models", VIEWER),
                Map.entry("GET /models/active", VIEWER),
                Map.entry("PUT /models/active", ADMIN),
                Map.entry("DELETE /models/active/pin", ADMIN));
    }
}
