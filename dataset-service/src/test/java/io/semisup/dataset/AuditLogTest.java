package io.semisup.dataset;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.semisup.security.AuditLog;
import io.semisup.testing.LocalStackResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deleting a dataset leaves an audit line saying who deleted which one, and that it worked. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class AuditLogTest {

    @Test
    void aDeleteIsAudited() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(String.format(record.getMessage(), record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger audit = Logger.getLogger(AuditLog.CATEGORY);
        audit.addHandler(capture);
        try {
            String id = DatasetApi.createDataset();
            given().when().delete("/datasets/" + id).then().statusCode(204);
            assertTrue(lines.contains("audit who=test-admin action=\"DELETE /datasets/" + id + "\" status=204"),
                    String.join("\n", lines));
            assertTrue(lines.contains("audit who=test-admin action=\"POST /datasets\" status=201"),
                    String.join("\n", lines));
        } finally {
            audit.removeHandler(capture);
        }
    }
}
