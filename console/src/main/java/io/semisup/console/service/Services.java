package io.semisup.console.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.semisup.contracts.messaging.MessageCodec;
import io.semisup.contracts.security.ApiKeys;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Calls the services with the signed-in person's key: the console holds no key of its own, so each service decides
 * what that person may do, exactly as for the CLI.
 */
@ApplicationScoped
public class Services {


    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<Service, String> urls;
    private final Duration timeout;

    public Services(@ConfigProperty(name = "semisup.console.dataset-service-url") String dataset,
                    @ConfigProperty(name = "semisup.console.trainer-service-url") String trainer,
                    @ConfigProperty(name = "semisup.console.inference-service-url") String inference,
                    @ConfigProperty(name = "semisup.console.call-timeout") Duration timeout) {
        this.urls = Map.of(Service.DATASET, strip(dataset), Service.TRAINER, strip(trainer),
                Service.INFERENCE, strip(inference));
        this.timeout = timeout;
    }

    /** A JSON document, or the service's reason for refusing it. */
    public JsonNode json(Service service, String path, String key) {
        ServiceReply reply = send(service, "GET", path, key, null, HttpRequest.BodyPublishers.noBody());
        if (!reply.ok()) {
            throw new ServiceException(reply.status(), service.title() + ": " + reason(reply));
        }
        try {
            return MessageCodec.mapper().readTree(reply.body());
        } catch (IOException e) {
            throw new ServiceException(502, service.title() + " answered " + path + " with something not JSON");
        }
    }

    /** Any call, answered as it came (an unreachable service is a 502 with the reason). */
    public ServiceReply send(Service service, String method, String path, String key, String contentType,
                             HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = request(service, path, key).method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new ServiceReply(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null), response.body());
        } catch (IOException e) {
            return unreachable(service, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreachable(service, e);
        }
    }

    /** The lines of a server-sent event stream, until the service ends it (closing the stream hangs up). */
    public Stream<String> eventLines(Service service, String path, String key) {
        HttpRequest request = request(service, path, key).timeout(Duration.ofDays(1))
                .header("Accept", "text/event-stream").GET().build();
        try {
            HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new ServiceException(response.statusCode(), service.title() + " refused the event stream");
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException(503, "interrupted");
        }
    }

    private HttpRequest.Builder request(Service service, String path, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(urls.get(service) + path)).timeout(timeout);
        if (key != null) {
            request.header(ApiKeys.HEADER, key);
        }
        return request;
    }

    /** The reason in a service's {@code {"error": ...}} body, or its status. */
    public static String reason(ServiceReply reply) {
        try {
            JsonNode error = MessageCodec.mapper().readTree(reply.body()).path("error");
            if (error.isTextual()) {
                return error.asText();
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: fall through to the status
        }
        return "HTTP " + reply.status();
    }

    private static ServiceReply unreachable(Service service, Exception e) {
        String body = "{\"error\": \"" + service.title() + " cannot be reached: "
                + String.valueOf(e.getMessage()).replace('"', '\'') + "\"}";
        return new ServiceReply(502, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
