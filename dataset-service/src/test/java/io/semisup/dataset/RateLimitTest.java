package io.semisup.dataset;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.semisup.contracts.security.ApiKeys;
import io.semisup.contracts.security.Roles;
import io.semisup.testing.LocalStackResource;
import io.semisup.testing.TestCredentials;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A caller over its upload limit gets 429 with when to come back, others are not held up, and it is served again. */
@QuarkusTest
@TestProfile(RateLimitTest.ThreeUploadsPerFiveSeconds.class)
@WithTestResource(LocalStackResource.class)
class RateLimitTest {

    public static class ThreeUploadsPerFiveSeconds implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("semisup.rate-limit.upload", "3", "semisup.rate-limit.period", "5s");
        }
    }

    @Test
    void aCallerOverItsLimitWaitsAndOthersDoNot() throws Exception {
        String dataset = DatasetApi.createDataset();
        for (int i = 0; i < 3; i++) {
            upload(dataset, Roles.ADMIN).then().statusCode(201);
        }
        Response refused = upload(dataset, Roles.ADMIN);
        assertEquals(429, refused.statusCode(), refused.asString());
        assertTrue(refused.jsonPath().getString("error").contains("retry after"), refused.asString());
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 5, "Retry-After " + retryAfter);

        upload(dataset, Roles.LABELLER).then().statusCode(201);

        Thread.sleep(retryAfter * 1000 + 200);
        assertNotEquals(429, upload(dataset, Roles.ADMIN).statusCode(), "served again after Retry-After");
    }

    /** A new image each time (no duplicate), as the caller holding {@code role}. */
    private static Response upload(String dataset, String role) {
        return given().header(ApiKeys.HEADER, TestCredentials.apiKey(role)).contentType("image/png")
                .body(TestImages.image("png", 16, 16)).queryParam("split", "unlabeled")
                .when().post("/datasets/" + dataset + "/images");
    }
}
