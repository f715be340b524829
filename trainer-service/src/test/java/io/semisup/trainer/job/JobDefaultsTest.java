package io.semisup.trainer.job;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.semisup.contracts.job.Method;
import io.semisup.testing.LocalStackResource;
import io.semisup.training.run.TrainingConfig;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** What a job form shows before anything is typed: the engine's own settings for each method. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class JobDefaultsTest {

    @Test
    void eachMethodsDefaultsAreTheEnginesOwn() {
        for (Method method : Method.values()) {
            TrainingConfig engine = TrainingConfig.builder(method).build();
            given().get("/jobs/defaults/" + method.id()).then().statusCode(200)
                    .body("method", equalTo(method.id()))
                    .body("epochs", equalTo(engine.epochs()))
                    .body("imageSize", equalTo(engine.imageSize()))
                    .body("batchSize", equalTo(engine.batchSize()))
                    .body("encoder", equalTo(engine.encoder().toString()));
        }
    }

    @Test
    void anUnknownMethodIsABadRequestThatNamesTheMethods() {
        given().get("/jobs/defaults/magic").then().statusCode(400)
                .body("error", containsString("unknown method 'magic'"))
                .body("error", containsString("simclr-finetune"));
    }
}
