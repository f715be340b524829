package io.semisup.dataset;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.semisup.security.AuditLog;
import io.semisup.testing.AuditLines;
import io.semisup.testing.LocalStackResource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deleting a dataset leaves an audit line saying who deleted which one, and that it worked. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class AuditLogTest {

    @Test
    void aDeleteIsAudited() {
        try (AuditLines audit = new AuditLines(AuditLog.CATEGORY)) {
            String id = DatasetApi.createDataset();
            given().when().delete("/datasets/" + id).then().statusCode(204);
            List<String> lines = audit.lines();
            assertTrue(lines.contains("audit who=test-admin action=\"DELETE /datasets/" + id + "\" status=204"),
                    String.join("\n", lines));
            assertTrue(lines.contains("audit who=test-admin action=\"POST /datasets\" status=201"),
                    String.join("\n", lines));
        }
    }
}
