package io.semisup.inference;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.semisup.security.AuditLog;
import io.semisup.testing.AuditLines;
import io.semisup.testing.LocalStackResource;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Pinning is a change and leaves an audit line, refused or not; classifying is a POST that changes nothing and
 * leaves none (a line per classification would bury the changes and slow the serving path).
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class AuditLogTest {

    @Test
    void pinningIsAuditedAndClassifyingIsNot() {
        try (AuditLines audit = new AuditLines(AuditLog.CATEGORY)) {
            byte[] image = TestModels.png(20, 20, BufferedImage.TYPE_INT_RGB);
            // 200 or 503, whether or not another test class left a model serving: neither is audited.
            given().contentType("image/png").body(image).post("/classify");
            given().multiPart("image", "a.png", image, "image/png").post("/classify");
            given().multiPart("image", "a.png", image, "image/png").post("/classify/batch");
            given().contentType("application/json").body("{\"modelId\": \"no-such-model\"}")
                    .put("/models/active").then().statusCode(404);

            assertEquals(List.of("audit who=test-admin action=\"PUT /models/active\" status=404"), audit.lines());
        }
    }
}
