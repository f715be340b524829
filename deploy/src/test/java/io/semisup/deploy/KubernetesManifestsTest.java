package io.semisup.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static io.semisup.deploy.Manifests.Doc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every YAML file under k8s/ (but the kustomization files) parses into typed Kubernetes objects (fabric8's model;
 * Strimzi's resources as generic ones), with no field the API does not have; and the base describes each service,
 * MinIO, Kafka and the routes the way the services need them.
 */
class KubernetesManifestsTest {

    static final String NAMESPACE = "semisup";

    private static List<Doc> base;

    @BeforeAll
    static void parseBase() {
        base = new ArrayList<>();
        for (Path file : Repo.yamlFiles(Repo.K8S.resolve("base"))) {
            if (!Repo.isKustomization(file)) {
                base.addAll(Manifests.parseFile(file));
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyManifestParsesIntoKubernetesObjects() {
        List<Path> files = Repo.yamlFiles(Repo.K8S).stream().filter(f -> !Repo.isKustomization(f)).toList();
        assertFalse(files.isEmpty(), "no manifests under k8s/");
        return files.stream().map(file -> DynamicTest.dynamicTest(Repo.relative(file), () -> {
            List<Doc> docs = Manifests.parseFile(file);
            assertFalse(docs.isEmpty(), file + " holds no document");
            for (Doc doc : docs) {
                String namespace = doc.object().getMetadata().getNamespace();
                assertTrue(namespace == null || namespace.equals(NAMESPACE),
                        doc + " is in namespace " + namespace + ", not " + NAMESPACE);
            }
        }));
    }

    @Test
    void theNamespaceIsDefined() {
        assertTrue(Manifests.all(base, Namespace.class).stream()
                .anyMatch(n -> n.getMetadata().getName().equals(NAMESPACE)), "no Namespace " + NAMESPACE);
        Map<String, Object> kustomization = Repo.yamlDocument(Repo.K8S.resolve("base/kustomization.yaml"));
        assertEquals(NAMESPACE, kustomization.get("namespace"), "base/kustomization.yaml namespace");
    }

    @TestFactory
    Stream<DynamicTest> eachServiceHasADeploymentAndAService() {
        return Repo.serviceModules().stream().map(module -> DynamicTest.dynamicTest(module.getFileName().toString(),
                () -> checkService(module.getFileName().toString(), httpPort(module))));
    }

    private static void checkService(String name, int port) {
        Deployment deployment = Manifests.deployment(base, name)
                .orElseThrow(() -> new AssertionError("no Deployment " + name + " in k8s/base"));
        var template = deployment.getSpec().getTemplate();
        Container container = template.getSpec().getContainers().stream()
                .filter(c -> name.equals(Manifests.semisupService(c.getImage()))).findFirst()
                .orElseThrow(() -> new AssertionError("Deployment " + name + " runs no semisup/" + name + " image"));
        assertEquals("semisup/" + name + ":" + Repo.imageVersion(), container.getImage(), "base image of " + name);

        ContainerPort http = container.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(name + ": no container port named http"));
        assertEquals(port, http.getContainerPort(), name + ": container port = quarkus.http.port of the service");

        checkProbe(name, "liveness", container.getLivenessProbe(), "/q/health/live", port);
        checkProbe(name, "readiness", container.getReadinessProbe(), "/q/health/ready", port);

        var resources = container.getResources();
        assertNotNull(resources, name + ": no resources");
        for (String r : List.of("cpu", "memory")) {
            assertNotNull(resources.getRequests().get(r), name + ": no " + r + " request");
            assertNotNull(resources.getLimits().get(r), name + ": no " + r + " limit");
        }
        if (name.equals("trainer-service")) {
            // The trainer sizes its heap and native limits from its memory limit: the node must have all of it.
            assertEquals(resources.getLimits().get("memory"), resources.getRequests().get("memory"),
                    "trainer-service: memory request = limit (its budget)");
        }

        List<String> configMaps = container.getEnvFrom().stream().map(EnvFromSource::getConfigMapRef)
                .filter(r -> r != null).map(r -> r.getName()).toList();
        assertTrue(configMaps.contains("semisup-common"), name + " takes semisup-common: " + configMaps);
        assertFalse(Manifests.all(base, ConfigMap.class).stream()
                .filter(c -> configMaps.contains(c.getMetadata().getName())).toList().isEmpty(), name);
        for (String variable : List.of("MINIO_ACCESS_KEY", "MINIO_SECRET_KEY")) {
            EnvVar env = container.getEnv().stream().filter(e -> variable.equals(e.getName())).findFirst()
                    .orElseThrow(() -> new AssertionError(name + ": no " + variable));
            assertNotNull(env.getValueFrom() == null ? null : env.getValueFrom().getSecretKeyRef(),
                    name + ": " + variable + " must come from a Secret");
        }

        Map<String, String> annotations = template.getMetadata().getAnnotations();
        assertEquals("true", annotations.get("prometheus.io/scrape"), name + ": prometheus.io/scrape");
        assertEquals("/q/metrics", annotations.get("prometheus.io/path"), name + ": prometheus.io/path");
        assertEquals(String.valueOf(port), annotations.get("prometheus.io/port"), name + ": prometheus.io/port");

        Service service = service(name);
        assertTrue(selects(service, template.getMetadata().getLabels()),
                "Service " + name + " does not select the pods of Deployment " + name);
        assertTrue(deployment.getSpec().getSelector().getMatchLabels().entrySet().stream()
                .allMatch(e -> e.getValue().equals(template.getMetadata().getLabels().get(e.getKey()))),
                name + ": the Deployment's selector does not match its own pods");
        ServicePort servicePort = service.getSpec().getPorts().stream().filter(p -> "http".equals(p.getName()))
                .findFirst().orElseThrow(() -> new AssertionError("Service " + name + ": no port named http"));
        assertEquals(port, servicePort.getPort(), "Service " + name + " port");
    }

    private static void checkProbe(String name, String what, Probe probe, String path, int port) {
        assertNotNull(probe, name + ": no " + what + " probe");
        HTTPGetAction get = probe.getHttpGet();
        assertNotNull(get, name + ": the " + what + " probe is no HTTP GET");
        assertEquals(path, get.getPath(), name + ": " + what + " probe path");
        Object target = get.getPort().getValue();
        assertTrue(target.equals("http") || target.equals(port), name + ": " + what + " probe port " + target);
    }

    @Test
    void minioIsAStatefulSetWithItsOwnVolumeBehindAService() {
        StatefulSet minio = Manifests.all(base, StatefulSet.class).stream()
                .filter(s -> s.getSpec().getTemplate().getSpec().getContainers().stream()
                        .anyMatch(c -> c.getImage().startsWith("minio/minio:")))
                .findFirst().orElseThrow(() -> new AssertionError("no StatefulSet running minio/minio"));
        assertFalse(minio.getSpec().getVolumeClaimTemplates().isEmpty(), "MinIO needs volumeClaimTemplates");
        String claim = minio.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName();
        assertTrue(minio.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts().stream()
                .anyMatch(m -> m.getName().equals(claim)), "MinIO mounts its claim " + claim);
        Service governing = service(minio.getSpec().getServiceName());
        assertEquals("None", governing.getSpec().getClusterIP(), "the StatefulSet's governing Service is headless");

        // MINIO_ENDPOINT points at a Service that selects MinIO, on its S3 port.
        String endpoint = configValue("MINIO_ENDPOINT");
        var uri = java.net.URI.create(endpoint);
        Service target = service(uri.getHost());
        assertTrue(selects(target, minio.getSpec().getTemplate().getMetadata().getLabels()),
                "MINIO_ENDPOINT " + endpoint + " is not a Service of MinIO");
        assertTrue(target.getSpec().getPorts().stream().anyMatch(p -> p.getPort() == uri.getPort()),
                "Service " + target.getMetadata().getName() + " has no port " + uri.getPort());
    }

    @Test
    void kafkaRunsInKraftModeThroughStrimzi() {
        List<GenericKubernetesResource> kafkas = Manifests.strimzi(base, "Kafka");
        assertEquals(1, kafkas.size(), "one Kafka resource");
        GenericKubernetesResource kafka = kafkas.get(0);
        String cluster = kafka.getMetadata().getName();
        assertEquals("enabled", kafka.getMetadata().getAnnotations().get("strimzi.io/kraft"), "strimzi.io/kraft");
        assertEquals("enabled", kafka.getMetadata().getAnnotations().get("strimzi.io/node-pools"),
                "strimzi.io/node-pools");
        List<GenericKubernetesResource> pools = Manifests.strimzi(base, "KafkaNodePool");
        assertFalse(pools.isEmpty(), "no KafkaNodePool");
        List<String> roles = new ArrayList<>();
        for (GenericKubernetesResource pool : pools) {
            assertEquals(cluster, pool.getMetadata().getLabels().get("strimzi.io/cluster"),
                    "KafkaNodePool " + pool.getMetadata().getName() + " belongs to " + cluster);
            Repo.list(Repo.at(pool.getAdditionalProperties(), "spec", "roles")).forEach(r -> roles.add(r.toString()));
        }
        assertTrue(roles.contains("controller") && roles.contains("broker"), "KRaft needs controllers and brokers");

        // KAFKA_BOOTSTRAP_SERVERS: Strimzi's bootstrap Service of this cluster, on a plain listener.
        Map<String, Object> plain = Repo.list(Repo.at(kafka.getAdditionalProperties(), "spec", "kafka", "listeners"))
                .stream().map(Repo::map).filter(l -> Boolean.FALSE.equals(l.get("tls"))).findFirst()
                .orElseThrow(() -> new AssertionError("no listener without TLS"));
        assertEquals(cluster + "-kafka-bootstrap:" + plain.get("port"), configValue("KAFKA_BOOTSTRAP_SERVERS"));
    }

    @Test
    void theInferenceServiceScalesWithAnAutoscaler() {
        HorizontalPodAutoscaler hpa = Manifests.all(base, HorizontalPodAutoscaler.class).stream()
                .filter(h -> "inference-service".equals(h.getSpec().getScaleTargetRef().getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no HorizontalPodAutoscaler for inference-service"));
        assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
        assertTrue(Manifests.deployment(base, "inference-service").isPresent());
        assertTrue(hpa.getSpec().getMaxReplicas() > hpa.getSpec().getMinReplicas(), "the autoscaler has room");
        assertNotNull(Manifests.deployment(base, "inference-service").get().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getResources().getRequests().get("cpu"), "CPU utilisation needs a request");
    }

    @Test
    void theIngressRoutesEachPathToItsService() throws java.io.IOException {
        List<Ingress> ingresses = Manifests.all(base, Ingress.class);
        assertEquals(1, ingresses.size(), "one Ingress");
        Map<String, String> routes = new java.util.TreeMap<>();
        for (IngressRule rule : ingresses.get(0).getSpec().getRules()) {
            for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                var backend = path.getBackend().getService();
                Service service = service(backend.getName());
                var port = backend.getPort();
                assertTrue(service.getSpec().getPorts().stream().anyMatch(p -> port.getName() != null
                        ? port.getName().equals(p.getName()) : port.getNumber().equals(p.getPort())),
                        path.getPath() + ": Service " + backend.getName() + " has no such port");
                routes.put(path.getPath(), backend.getName());
            }
        }
        assertEquals(resourceRoots(), routes);
    }

    /** Every service's top-level REST paths (the first segment of each resource class's {@code @Path}). */
    private static Map<String, String> resourceRoots() throws java.io.IOException {
        java.util.regex.Pattern classPath = java.util.regex.Pattern.compile(
                "@Path\\(\"(/[^/\"{]+)[^\"]*\"\\)\\s*(?:@\\w+(?:\\([^)]*\\))?\\s*)*public class");
        Map<String, String> roots = new java.util.TreeMap<>();
        for (String service : java.util.List.of("dataset-service", "trainer-service", "inference-service")) {
            try (var files = java.nio.file.Files.walk(Repo.ROOT.resolve(service).resolve("src/main/java"))) {
                for (var file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    var m = classPath.matcher(java.nio.file.Files.readString(file));
                    while (m.find()) {
                        roots.put(m.group(1), service);
                    }
                }
            }
        }
        return roots;
    }

    private static Service service(String name) {
        return Manifests.all(base, Service.class).stream().filter(s -> s.getMetadata().getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no Service " + name + " in k8s/base"));
    }

    private static boolean selects(Service service, Map<String, String> podLabels) {
        Map<String, String> selector = service.getSpec().getSelector();
        return selector != null && !selector.isEmpty() && selector.entrySet().stream()
                .allMatch(e -> e.getValue().equals(podLabels.get(e.getKey())));
    }

    private static String configValue(String key) {
        return Manifests.all(base, ConfigMap.class).stream().map(c -> c.getData().get(key))
                .filter(v -> v != null).findFirst()
                .orElseThrow(() -> new AssertionError("no ConfigMap sets " + key));
    }

    /** The port a service listens on: quarkus.http.port of its application.properties. */
    static int httpPort(Path module) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Repo.read(module.resolve("src/main/resources/application.properties"))));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        String port = properties.getProperty("quarkus.http.port");
        assertNotNull(port, module + ": no quarkus.http.port");
        return Integer.parseInt(port.trim());
    }
}
