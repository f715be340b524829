package io.semisup.trainer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.semisup.storage.ObjectStore;
import io.semisup.testing.LocalStackResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The per-dataset retraining policy over REST; the retraining itself is exercised by the full-system test. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class RetrainingPolicyTest {

    @Inject
    ObjectStore store;

    @Test
    void aPolicyIsOffUntilSetAndRefusesNonsense() {
        TestDatasets.ensure(store, "policies");
        given().when().get("/retraining/policies")
                .then().statusCode(200)
                .body("enabled", equalTo(false))
                .body("minNewLabels", equalTo(20));
        given().contentType("application/json").body("{\"enabled\": true, \"minNewLabels\": 0}")
                .when().put("/retraining/policies")
                .then().statusCode(400).body("error", containsString("minNewLabels must be at least 1"));
        given().contentType("application/json").body("{\"enabled\": true, \"minNewLabels\": 5}")
                .when().put("/retraining/policies")
                .then().statusCode(200).body("enabled", equalTo(true)).body("minNewLabels", equalTo(5));
        given().when().get("/retraining/policies")
                .then().statusCode(200).body("enabled", equalTo(true)).body("minNewLabels", equalTo(5));
        given().when().get("/retraining/no-such-dataset").then().statusCode(404);
    }
}
