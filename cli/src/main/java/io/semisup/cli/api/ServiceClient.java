package io.semisup.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.semisup.contracts.messaging.MessageCodec;
import io.semisup.contracts.security.ApiKeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;

/** JSON over HTTP to one service; an error answer becomes an {@link ApiException} carrying the service's reason. */
public class ServiceClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String KEY_HINT = "; give the CLI a key with --api-key-file or SEMISUP_API_KEY_FILE "
            + "(deploy/semisup.sh cli passes the embedded default's admin key)";

    private final String name;
    private final URI base;
    private final String apiKey;

    /** @param apiKey sent with every request, or null for none */
    public ServiceClient(String name, String baseUrl, String apiKey) {
        this.name = name;
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.apiKey = apiKey;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        return apiKey == null ? request : request.header(ApiKeys.HEADER, apiKey);
    }

    public URI uri(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    public JsonNode get(String path) {
        return json(send(request(path).GET()));
    }

    /** The answer's bytes as they are (an image). */
    public byte[] getBytes(String path) {
        try {
            HttpResponse<byte[]> response = http.send(request(path).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() >= 400) {
                throw new ApiException(response.statusCode(), name + ": " + reason(response.statusCode(),
                        new String(response.body(), StandardCharsets.UTF_8)));
            }
            return response.body();
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            throw interrupted();
        }
    }

    public JsonNode post(String path, Object body) {
        return json(send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(MessageCodec.encode(body)))));
    }

    public JsonNode put(String path, Object body) {
        return json(send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(MessageCodec.encode(body)))));
    }

    public JsonNode postBytes(String path, String contentType, byte[] bytes) {
        return json(send(request(path).header("Content-Type", contentType)
                .timeout(Duration.ofMinutes(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))));
    }

    /** Streams a file as the body, for archives larger than memory should hold. */
    public JsonNode postFile(String path, String contentType, java.nio.file.Path file) {
        try {
            return json(send(request(path).header("Content-Type", contentType)
                    .timeout(Duration.ofHours(2))
                    .POST(HttpRequest.BodyPublishers.ofFile(file))));
        } catch (java.io.FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Server-Sent Events stream, as its lines; closing the stream ends the request. */
    public Stream<String> events(String path) {
        try {
            HttpResponse<Stream<String>> response = http.send(request(path)
                    .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() >= 400) {
                String body = String.join("\n", response.body().toList());
                throw new ApiException(response.statusCode(), name + ": " + reason(response.statusCode(), body));
            }
            return response.body();
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            throw interrupted();
        }
    }

    private String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                throw new ApiException(response.statusCode(), name + ": " + reason(response.statusCode(), response.body()));
            }
            return response.body();
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            throw interrupted();
        }
    }

    private static ApiException interrupted() {
        Thread.currentThread().interrupt();
        return new ApiException(0, "interrupted");
    }

    private ApiException unreachable(IOException e) {
        String why = e instanceof ConnectException ? "nothing answers" : e.toString();
        return new ApiException(0, name + " at " + base + " cannot be reached (" + why + "); is the platform up? "
                + "(deploy/semisup.sh status)");
    }

    private static String reason(int status, String body) {
        try {
            JsonNode error = MessageCodec.mapper().readTree(body).path("error");
            if (error.isTextual()) {
                return error.asText() + " (HTTP " + status + ")" + (status == 401 ? KEY_HINT : "");
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: show it as it is
        }
        return "HTTP " + status + (body == null || body.isBlank() ? "" : ": " + body);
    }

    private static JsonNode json(String body) {
        try {
            return body == null || body.isBlank() ? MessageCodec.mapper().nullNode() : MessageCodec.mapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable answer: " + body, e);
        }
    }
}
