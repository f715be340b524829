package io.semisup.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.semisup.contracts.security.ApiKeys;
import io.semisup.contracts.security.Roles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A service's access test: walks every operation of its OpenAPI document and checks who may call it: without
 * credentials 401, with a role that does not allow it 403 (both with a JSON reason), with one that does neither, for
 * API keys and bearer tokens alike. The rules table must name exactly the document's operations, so a new endpoint
 * fails the test until someone decides who may call it. Plain {@link HttpClient}: no default credentials. A service
 * test extends it (annotated {@code @QuarkusTest}) and gives the table.
 */
public abstract class EndpointAccess {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TestHTTPResource("/")
    protected URI base;

    /** "METHOD /path/{param}" of every operation to the least role that may call it. */
    protected abstract Map<String, String> rules();

    @Test
    public void everyOperationNeedsItsRole() throws Exception {
        Map<String, String> rules = rules();
        List<Operation> operations = operations();
        assertEquals(new TreeSet<>(rules.keySet()), new TreeSet<>(operations.stream().map(Operation::key).toList()),
                "the rules must name every operation of the OpenAPI document, and only those");
        for (Operation operation : operations) {
            checkOperation(operation, rules.get(operation.key()));
        }
        checkPublicPaths();
    }

    private record Operation(String method, String path, String contentType) {

        String key() {
            return method + " " + path;
        }
    }

    private List<Operation> operations() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/q/openapi?format=json")).GET());
        assertEquals(200, response.statusCode(), "the OpenAPI document is public");
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = JSON.readTree(response.body()).path("paths").fields();
             paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (METHODS.contains(op.getKey())) {
                    Iterator<String> types = op.getValue().path("requestBody").path("content").fieldNames();
                    operations.add(new Operation(op.getKey().toUpperCase(), path.getKey(),
                            types.hasNext() ? types.next() : null));
                }
            }
        }
        return operations;
    }

    private void checkOperation(Operation operation, String required) throws Exception {
        HttpResponse<String> anonymous = call(operation, null, null);
        assertEquals(401, anonymous.statusCode(), operation.key() + " without credentials: " + anonymous.body());
        assertReason(operation, anonymous);
        HttpResponse<String> unknown = call(operation, ApiKeys.HEADER, "sk_not_a_key_of_this_platform");
        assertEquals(401, unknown.statusCode(), operation.key() + " with an unknown key: " + unknown.body());
        // The console's sign-in cookie is the console's: a service never takes credentials a browser sends by itself.
        HttpResponse<String> cookie = call(operation, "Cookie", "semisup-key=" + TestCredentials.apiKey(Roles.ADMIN));
        assertEquals(401, cookie.statusCode(), operation.key() + " with a key in a cookie: " + cookie.body());
        for (String role : Roles.ALL) {
            boolean allowed = Roles.implied(role).contains(required);
            check(operation, role, allowed, call(operation, ApiKeys.HEADER, TestCredentials.apiKey(role)));
            check(operation, role, allowed,
                    call(operation, "Authorization", "Bearer " + TestCredentials.bearerToken(role)));
        }
    }

    private static void check(Operation operation, String role, boolean allowed, HttpResponse<String> response) {
        String what = operation.key() + " as " + role + ": " + response.statusCode() + " " + response.body();
        if (allowed) {
            assertFalse(response.statusCode() == 401 || response.statusCode() == 403, what);
        } else {
            assertEquals(403, response.statusCode(), what);
            assertReason(operation, response);
        }
    }

    private static void assertReason(Operation operation, HttpResponse<String> response) {
        try {
            assertTrue(JSON.readTree(response.body()).path("error").asText().length() > 10,
                    operation.key() + " must say why: " + response.body());
        } catch (IOException e) {
            throw new AssertionError(operation.key() + " answered no JSON: " + response.body(), e);
        }
    }

    /** Health and the OpenAPI document are public; metrics need a viewer. */
    private void checkPublicPaths() throws Exception {
        for (String path : List.of("/q/health/live", "/q/health/ready", "/q/openapi")) {
            int status = send(HttpRequest.newBuilder(base.resolve(path)).GET()).statusCode();
            assertFalse(status == 401 || status == 403, path + " must be public: " + status);
        }
        assertEquals(401, send(HttpRequest.newBuilder(base.resolve("/q/metrics")).GET()).statusCode());
        assertEquals(200, send(HttpRequest.newBuilder(base.resolve("/q/metrics")).GET()
                .header(ApiKeys.HEADER, TestCredentials.apiKey(Roles.VIEWER))).statusCode());
    }

    /** The operation with placeholder path parameters and a minimal body of its first media type. */
    private HttpResponse<String> call(Operation operation, String header, String value) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(base.resolve(operation.path().replaceAll("\\{[^}]+}", "x")));
        if (header != null) {
            request.header(header, value);
        }
        String type = operation.contentType();
        if (type == null) {
            request.method(operation.method(), HttpRequest.BodyPublishers.noBody());
        } else if (type.startsWith("multipart/")) {
            request.header("Content-Type", type + "; boundary=b")
                    .method(operation.method(), HttpRequest.BodyPublishers.ofString("--b--\r\n"));
        } else {
            request.header("Content-Type", type.replace("*", "png"))
                    .method(operation.method(), HttpRequest.BodyPublishers.ofString(type.contains("json") ? "{}" : ""));
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
