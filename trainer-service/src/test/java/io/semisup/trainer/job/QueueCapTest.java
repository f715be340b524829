package io.semisup.trainer.job;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.semisup.contracts.job.Method;
import io.semisup.contracts.job.TrainingJob;
import io.semisup.contracts.messaging.MessageCodec;
import io.semisup.testing.LocalStackResource;
import io.semisup.storage.ObjectStore;
import io.semisup.trainer.TestDatasets;
import io.semisup.trainer.TestJobs;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

/** A dataset with as many jobs waiting as it may gets 429 for one more, with the reason; another dataset does not. */
@QuarkusTest
@TestProfile(QueueCapTest.OneWaitingJob.class)
@WithTestResource(LocalStackResource.class)
class QueueCapTest {

    public static class OneWaitingJob implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("semisup.trainer.max-queued-jobs-per-dataset", "1");
        }
    }

    @Inject
    JobLifecycle jobs;

    @Inject
    ObjectStore store;

    @Test
    void oneJobMoreThanTheCapIsRefused() {
        String dataset = "capped-" + UUID.randomUUID();
        String other = "other-" + UUID.randomUUID();
        TestDatasets.put(store, dataset);
        TestDatasets.put(store, other);
        TrainingJob waiting = TrainingJob.of(UUID.randomUUID().toString(), dataset, "v1", Method.SUPERVISED,
                TestJobs.tiny(1));
        jobs.queue(waiting, TrainingSettings.of(waiting, 1)); // recorded as a trainer records a job it takes in

        given().contentType("application/json").body(MessageCodec.encode(request(dataset)))
                .when().post("/jobs").then().statusCode(429)
                .body("error", containsString("1 jobs waiting for a trainer"));
        given().contentType("application/json").body(MessageCodec.encode(request(other)))
                .when().post("/jobs").then().statusCode(202);
    }

    private static JobRequest request(String dataset) {
        return new JobRequest(dataset, "v1", Method.SUPERVISED, TestJobs.tiny(1));
    }
}
