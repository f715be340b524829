package io.semisup.deploy;

import io.semisup.contracts.Topics;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/docker-compose.yml and its GPU override parse (SnakeYAML, with the anchors and merge keys compose resolves)
 * and describe the platform: official MinIO and Kafka (KRaft) images, the topics of {@link Topics#ALL}, the three
 * services with health checks on /q/health, and one GPU each for the trainer and the inference service.
 */
class ComposeTest {

    static final Path BASE = Repo.ROOT.resolve("deploy/docker-compose.yml");
    static final Path GPU = Repo.ROOT.resolve("deploy/docker-compose.gpu.yml");
    static final List<Path> FILES = List.of(BASE, GPU);

    private static final Pattern CREATE_TOPIC = Pattern.compile("(?m)^\\s*create\\s+(\\S+)\\s+(\\d+)\\s*$");

    @Test
    void theBaseFileRunsMinioKafkaAndTheServices() {
        Map<String, Object> services = services(BASE);
        assertTrue(image(services, "minio").startsWith("minio/minio:"), "MinIO from the official image");
        assertTrue(image(services, "kafka").startsWith("apache/kafka:"), "Kafka from the official image");
        Map<String, String> kafka = environment(Repo.map(services.get("kafka")));
        assertTrue(kafka.get("KAFKA_PROCESS_ROLES").contains("controller"), "Kafka in KRaft mode");
        assertFalse(services.keySet().stream().anyMatch(s -> s.contains("zookeeper")), "no ZooKeeper");

        for (Path module : Repo.serviceModules()) {
            String name = module.getFileName().toString();
            Map<String, Object> service = Repo.map(services.get(name));
            assertFalse(service.isEmpty(), "no compose service " + name);
            assertEquals("semisup/" + name + ":" + Repo.imageVersion(), service.get("image"));
            int port = KubernetesManifestsTest.httpPort(module);

            String health = String.valueOf(Repo.at(service, "healthcheck", "test"));
            assertTrue(health.contains("localhost:" + port + "/q/health"), name + ": health check on /q/health: " + health);
            assertTrue(Repo.list(service.get("ports")).stream().anyMatch(p -> p.toString().endsWith(":" + port)),
                    name + ": port " + port + " published");
            if (!Repo.dataServiceModules().contains(module)) {
                continue; // the console: no Kafka, no object store
            }
            Map<String, Object> dependsOn = Repo.map(service.get("depends_on"));
            assertTrue(dependsOn.containsKey("minio") && dependsOn.containsKey("kafka-topics"),
                    name + " waits for MinIO and the topics: " + dependsOn.keySet());

            Map<String, String> env = environment(service);
            String bootstrap = env.get("KAFKA_BOOTSTRAP_SERVERS");
            assertNotNull(bootstrap, name + ": KAFKA_BOOTSTRAP_SERVERS");
            assertTrue(services.containsKey(bootstrap.substring(0, bootstrap.indexOf(':'))), name + ": " + bootstrap);
            assertTrue(kafka.get("KAFKA_ADVERTISED_LISTENERS").contains("//" + bootstrap),
                    name + ": Kafka advertises " + bootstrap);
            String endpoint = env.get("MINIO_ENDPOINT");
            assertNotNull(endpoint, name + ": MINIO_ENDPOINT");
            assertEquals("minio", URI.create(endpoint).getHost(), name + ": MINIO_ENDPOINT");
            assertTrue(env.containsKey("MINIO_ACCESS_KEY") && env.containsKey("MINIO_SECRET_KEY"), name);
        }
    }

    @Test
    void theTopicsAreCreatedWithThePartitionsOfTheContracts() {
        Map<String, Object> services = services(BASE);
        Map<String, Object> init = Repo.map(services.get("kafka-topics"));
        assertTrue(image(services, "kafka-topics").startsWith("apache/kafka:"));
        String command = String.valueOf(init.get("command"));
        Map<String, Integer> created = new TreeMap<>();
        Matcher m = CREATE_TOPIC.matcher(command.replace("[", "").replace("]", ""));
        while (m.find()) {
            created.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        Map<String, Integer> expected = new TreeMap<>();
        Topics.ALL.forEach(t -> expected.put(t.name(), t.partitions()));
        assertEquals(expected, created, "topics created by kafka-topics against Topics.ALL");
        assertEquals("false", String.valueOf(environment(Repo.map(services.get("kafka")))
                .get("KAFKA_AUTO_CREATE_TOPICS_ENABLE")), "topics come from kafka-topics only");
    }

    @Test
    void theGpuOverrideGivesTrainerAndInferenceAGpuAndTheirCudaImages() {
        Map<String, Object> base = services(BASE);
        Map<String, Object> gpu = services(GPU);
        for (String name : KustomizeTest.GPU_SERVICES) {
            Map<String, Object> service = Repo.map(gpu.get(name));
            assertFalse(service.isEmpty(), "the GPU override lacks " + name);
            assertTrue(base.containsKey(name), name + " overrides a service of the base file");
            assertEquals("semisup/" + name + ":" + Repo.imageVersion() + "-cuda", service.get("image"));
            List<Object> devices = Repo.list(Repo.at(service, "deploy", "resources", "reservations", "devices"));
            assertEquals(1, devices.size(), name + ": one device reservation");
            Map<String, Object> device = Repo.map(devices.get(0));
            assertEquals("nvidia", device.get("driver"), name);
            assertEquals(1, device.get("count"), name + ": one GPU");
            assertTrue(Repo.list(device.get("capabilities")).contains("gpu"), name + ": capability gpu");
        }
        for (String name : gpu.keySet()) {
            assertTrue(KustomizeTest.GPU_SERVICES.contains(name), "the GPU override changes " + name + " too");
        }
    }

    static Map<String, Object> services(Path file) {
        Map<String, Object> services = Repo.map(Repo.yamlDocument(file).get("services"));
        assertFalse(services.isEmpty(), file + ": no services");
        return services;
    }

    private static String image(Map<String, Object> services, String name) {
        Object image = Repo.at(services, name, "image");
        assertNotNull(image, "no compose service " + name + " with an image");
        return image.toString();
    }

    /** A compose service's environment, written as a map or as a list of NAME=value. */
    static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object environment = service.get("environment");
        if (environment instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else {
            for (Object entry : Repo.list(environment)) {
                String s = String.valueOf(entry);
                int eq = s.indexOf('=');
                env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? null : s.substring(eq + 1));
            }
        }
        return env;
    }
}
