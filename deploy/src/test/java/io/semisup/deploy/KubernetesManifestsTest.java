package io.semisup.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.semisup.contracts.messaging.MessageCodec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.semisup.deploy.Manifests.Doc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
                () -> checkService(module.getFileName().toString(), httpPort(module),
                        Repo.dataServiceModules().contains(module))));
    }

    private static void checkService(String name, int port, boolean dataService) {
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

        if (dataService) {
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
                assertEquals("minio-" + name, env.getValueFrom().getSecretKeyRef().getName(),
                        name + ": " + variable + " of its own MinIO user");
            }
        } else {
            assertTrue(container.getEnv().stream().noneMatch(e -> e.getName().startsWith("MINIO_")
                    || e.getName().startsWith("KAFKA_")), name + " needs neither MinIO nor Kafka");
        }
        checkKeyFile(name, template.getSpec(), container, "SEMISUP_SECURITY_API_KEYS_FILE", "semisup-api-keys");
        if (name.equals("trainer-service")) {
            checkKeyFile(name, template.getSpec(), container, "SEMISUP_DATASET_SERVICE_KEY_FILE",
                    "trainer-service-api-key");
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

    /** {@code variable} names a file in a read-only volume of Secret {@code secret}: referenced, not inlined. */
    private static void checkKeyFile(String name, PodSpec pod, Container container, String variable, String secret) {
        String file = container.getEnv().stream().filter(e -> variable.equals(e.getName())).findFirst()
                .map(EnvVar::getValue).orElseThrow(() -> new AssertionError(name + ": no " + variable));
        VolumeMount mount = container.getVolumeMounts().stream()
                .filter(m -> file.startsWith(m.getMountPath() + "/")).findFirst()
                .orElseThrow(() -> new AssertionError(name + ": " + variable + "=" + file + " is in no volume"));
        assertEquals(Boolean.TRUE, mount.getReadOnly(), name + ": " + mount.getName() + " must be read-only");
        Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(name + ": no volume " + mount.getName()));
        assertNotNull(volume.getSecret(), name + ": " + mount.getName() + " must come from a Secret");
        assertEquals(secret, volume.getSecret().getSecretName(), name + ": " + variable);
        assertTrue(Manifests.OPERATOR_SECRETS.containsKey(secret), "k8s/README.md must create Secret " + secret);
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

        // Clients reach Strimzi's bootstrap Service of this cluster on its only listener: TLS with SCRAM-SHA-512,
        // ACLs enforced; each service logs in as its KafkaUser and trusts the cluster CA.
        List<Map<String, Object>> listeners = Repo.list(Repo.at(kafka.getAdditionalProperties(), "spec", "kafka",
                "listeners")).stream().map(Repo::map).toList();
        assertEquals(1, listeners.size(), "one listener, for the services");
        Map<String, Object> listener = listeners.get(0);
        assertEquals(Boolean.TRUE, listener.get("tls"), "TLS");
        assertEquals("scram-sha-512", Repo.at(listener, "authentication", "type"));
        assertEquals("simple", Repo.at(kafka.getAdditionalProperties(), "spec", "kafka", "authorization", "type"));
        assertEquals(cluster + "-kafka-bootstrap:" + listener.get("port"), configValue("KAFKA_BOOTSTRAP_SERVERS"));
        assertEquals("SASL_SSL", configValue("KAFKA_SECURITY_PROTOCOL"));
        assertEquals("SCRAM-SHA-512", configValue("KAFKA_SASL_MECHANISM"));
        String truststore = configValue("KAFKA_SSL_TRUSTSTORE_LOCATION");
        for (Path module : Repo.dataServiceModules()) {
            String service = module.getFileName().toString();
            PodSpec pod = Manifests.deployment(base, service).orElseThrow().getSpec().getTemplate().getSpec();
            Container container = pod.getContainers().get(0);
            EnvVar jaas = container.getEnv().stream().filter(e -> "KAFKA_SASL_JAAS_CONFIG".equals(e.getName()))
                    .findFirst().orElseThrow(() -> new AssertionError(service + ": no KAFKA_SASL_JAAS_CONFIG"));
            assertEquals(service, jaas.getValueFrom().getSecretKeyRef().getName(),
                    service + ": its KafkaUser's Secret (named after the user)");
            VolumeMount ca = container.getVolumeMounts().stream()
                    .filter(m -> truststore.startsWith(m.getMountPath() + "/")).findFirst()
                    .orElseThrow(() -> new AssertionError(service + ": the cluster CA is not mounted"));
            assertEquals(cluster + "-cluster-ca-cert", pod.getVolumes().stream()
                    .filter(v -> v.getName().equals(ca.getName())).findFirst().orElseThrow().getSecret()
                    .getSecretName(), service + ": the cluster CA's Secret");
        }
    }

    /**
     * Nothing reaches a pod unless a policy says so; the ingress controller reaches every service, only the services
     * reach MinIO and Kafka's listener, and a service reaches another only where it calls it.
     */
    @Test
    void networkPoliciesLetTheIngressAndTheConsoleReachTheServicesAndOnlyTheServicesReachStorageAndKafka() {
        List<NetworkPolicy> policies = Manifests.all(base, NetworkPolicy.class);
        assertTrue(policies.stream().anyMatch(p -> selectsEverything(p.getSpec().getPodSelector())
                        && p.getSpec().getPolicyTypes().contains("Ingress")
                        && (p.getSpec().getIngress() == null || p.getSpec().getIngress().isEmpty())),
                "a default deny: a policy selecting every pod with no ingress rule");
        Map<String, PodTemplateSpec> templates = Manifests.podTemplates(base);
        Set<String> services =
                new TreeSet<>(Repo.dataServiceModules().stream().map(m -> m.getFileName().toString()).toList());
        for (String service : Repo.serviceModules().stream().map(m -> m.getFileName().toString()).toList()) {
            Map<String, String> labels = templates.get("Deployment " + service).getMetadata().getLabels();
            assertTrue(peers(policies, labels).stream().anyMatch(peer -> peer.getNamespaceSelector() != null
                            && "ingress-nginx".equals(peer.getNamespaceSelector().getMatchLabels()
                            .get("kubernetes.io/metadata.name"))),
                    service + ": no policy lets the ingress controller reach it");
            if (services.contains(service)) {
                assertTrue(peers(policies, labels).stream().anyMatch(peer -> peer.getPodSelector() != null
                        && selectedServices(peer.getPodSelector()).contains("console")),
                        service + ": no policy lets the web console reach it");
            }
        }
        Map<String, String> minio = templates.get("StatefulSet minio").getMetadata().getLabels();
        List<NetworkPolicyPeer> minioPeers = peers(policies, minio);
        assertFalse(minioPeers.isEmpty(), "no policy lets the services reach MinIO");
        for (NetworkPolicyPeer peer : minioPeers) {
            assertNull(peer.getNamespaceSelector(), "MinIO: only pods of this namespace");
            assertEquals(services, selectedServices(peer.getPodSelector()), "MinIO is reached by the services only");
        }
        GenericKubernetesResource kafka = Manifests.strimzi(base, "Kafka").get(0);
        for (Object listener : Repo.list(Repo.at(kafka.getAdditionalProperties(), "spec", "kafka", "listeners"))) {
            List<Object> kafkaPeers = Repo.list(Repo.map(listener).get("networkPolicyPeers"));
            assertFalse(kafkaPeers.isEmpty(), "Kafka listener " + Repo.map(listener).get("name") + ": no peers");
            for (Object peer : kafkaPeers) {
                LabelSelector selector = MessageCodec.mapper().convertValue(Repo.map(peer).get("podSelector"),
                        LabelSelector.class);
                assertEquals(services, selectedServices(selector), "Kafka is reached by the services only");
            }
        }
    }

    /** Secrets are referenced, never shipped: k8s/README.md creates each one a workload names, or Strimzi does. */
    @Test
    void noSecretIsShippedAndEachOneNamedIsCreatedByTheOperator() {
        assertEquals(List.of(), Manifests.all(base, Secret.class).stream().map(s -> s.getMetadata().getName()).toList(),
                "Secrets in k8s/");
        Set<String> strimzi = new TreeSet<>(Manifests.strimzi(base, "KafkaUser").stream()
                .map(u -> u.getMetadata().getName()).toList());
        strimzi.add(Manifests.strimzi(base, "Kafka").get(0).getMetadata().getName() + "-cluster-ca-cert");
        Set<String> named = new TreeSet<>();
        for (PodSpec pod : Manifests.podSpecs(base)) {
            pod.getVolumes().stream().filter(v -> v.getSecret() != null).forEach(v -> named.add(v.getSecret().getSecretName()));
            pod.getContainers().stream().flatMap(c -> c.getEnv().stream())
                    .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                    .forEach(e -> named.add(e.getValueFrom().getSecretKeyRef().getName()));
        }
        named.removeAll(strimzi);
        assertEquals(named, new TreeSet<>(Manifests.OPERATOR_SECRETS.keySet()),
                "the Secrets the workloads name are those k8s/README.md creates");
    }

    /**
     * Each service's MinIO user (minio-setup.yaml) may reach exactly the buckets the service uses (its
     * semisup.storage.buckets), and the setup Job makes that user from the Secret the service reads.
     */
    @Test
    void eachServicesMinioUserReachesOnlyItsBuckets() throws IOException {
        ConfigMap policies = Manifests.all(base, ConfigMap.class).stream()
                .filter(c -> "minio-policies".equals(c.getMetadata().getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no ConfigMap minio-policies"));
        Job setup = Manifests.all(base, Job.class).stream().filter(j -> "minio-setup".equals(j.getMetadata().getName()))
                .findFirst().orElseThrow(() -> new AssertionError("no Job minio-setup"));
        Container mc = setup.getSpec().getTemplate().getSpec().getContainers().get(0);
        String script = String.join("\n", mc.getArgs());
        Set<String> setupSecrets = new TreeSet<>(mc.getEnv().stream().filter(e -> e.getValueFrom() != null)
                .map(e -> e.getValueFrom().getSecretKeyRef().getName()).toList());
        for (Path module : Repo.dataServiceModules()) {
            String service = module.getFileName().toString();
            Set<String> buckets = new TreeSet<>(List.of(Repo.applicationProperties(module)
                    .getProperty("semisup.storage.buckets").split(",")));
            String policy = policies.getData().get(service + ".json");
            assertNotNull(policy, "no MinIO policy for " + service);
            Set<String> reached = new TreeSet<>();
            for (JsonNode statement : MessageCodec.mapper().readTree(policy).path("Statement")) {
                statement.path("Resource").forEach(r -> reached.add(r.asText().replaceFirst("^arn:aws:s3:::", "")
                        .replaceFirst("/\\*$", "")));
            }
            assertEquals(buckets, reached, service + ": its MinIO user reaches exactly semisup.storage.buckets");
            assertTrue(setupSecrets.contains("minio-" + service), "minio-setup makes no user from minio-" + service);
            assertTrue(script.contains("user " + service + " "), "minio-setup makes no user for " + service);
        }
        assertEquals("false", configValue("SEMISUP_STORAGE_CREATE_BUCKETS"), "the Job creates the buckets");
    }

    private static boolean selectsEverything(LabelSelector selector) {
        return selector == null || ((selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty()));
    }

    /** The peers allowed in by the policies that select pods with {@code labels} (not by the default deny). */
    private static List<NetworkPolicyPeer> peers(List<NetworkPolicy> policies, Map<String, String> labels) {
        return policies.stream().filter(p -> !selectsEverything(p.getSpec().getPodSelector())
                        && matches(p.getSpec().getPodSelector(), labels))
                .flatMap(p -> p.getSpec().getIngress() == null ? Stream.empty() : p.getSpec().getIngress().stream())
                .flatMap(rule -> rule.getFrom().stream()).toList();
    }

    /** Which services' pods a selector selects. */
    private static Set<String> selectedServices(LabelSelector selector) {
        Set<String> selected = new TreeSet<>();
        Manifests.podTemplates(base).forEach((workload, template) -> {
            if (workload.startsWith("Deployment ") && matches(selector, template.getMetadata().getLabels())) {
                selected.add(workload.substring("Deployment ".length()));
            }
        });
        return selected;
    }

    /** A label selector's meaning: every matchLabels entry and every In / NotIn / Exists expression holds. */
    private static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        if (selector.getMatchLabels() != null && !selector.getMatchLabels().entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
            return false;
        }
        for (LabelSelectorRequirement r : selector.getMatchExpressions() == null
                ? List.<LabelSelectorRequirement>of() : selector.getMatchExpressions()) {
            String value = labels.get(r.getKey());
            boolean holds = switch (r.getOperator()) {
                case "In" -> r.getValues().contains(value);
                case "NotIn" -> !r.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("unknown selector operator " + r.getOperator());
            };
            if (!holds) {
                return false;
            }
        }
        return true;
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
        for (Path module : Repo.serviceModules()) {
            String service = module.getFileName().toString();
            try (var files = java.nio.file.Files.walk(module.resolve("src/main/java"))) {
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
        String port = Repo.applicationProperties(module).getProperty("quarkus.http.port");
        assertNotNull(port, module + ": no quarkus.http.port");
        return Integer.parseInt(port.trim());
    }
}
