package io.semisup.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Kubernetes YAML parsed into the fabric8 model: each document becomes its typed class (Deployment, Service, ...),
 * Strimzi's custom resources a {@link GenericKubernetesResource}. Also the checks that apply both to the files under
 * k8s/ and to what {@code kubectl kustomize} renders from them.
 */
final class Manifests {

    static final String STRIMZI_API = "kafka.strimzi.io/v1beta2";
    static final Set<String> STRIMZI_KINDS = Set.of("Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser");

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** One YAML document: where it came from, its raw tree, and the typed object. */
    record Doc(String origin, Map<String, Object> raw, HasMetadata object) {

        String kind() {
            return object.getKind();
        }

        String name() {
            return object.getMetadata() == null ? null : object.getMetadata().getName();
        }

        @Override
        public String toString() {
            return kind() + " " + name() + " (" + origin + ")";
        }
    }

    private Manifests() {
    }

    static List<Doc> parseFile(Path file) {
        return parse(Repo.relative(file), Repo.read(file));
    }

    /** Parses every document, failing on anything that is not a known Kubernetes type or a Strimzi resource. */
    static List<Doc> parse(String origin, String yaml) {
        List<Doc> docs = new ArrayList<>();
        for (Map<String, Object> raw : Repo.yamlDocuments(yaml)) {
            String apiVersion = String.valueOf(raw.get("apiVersion"));
            String kind = String.valueOf(raw.get("kind"));
            String where = origin + ": " + kind + " " + Repo.at(raw, "metadata", "name");
            assertNotNull(raw.get("apiVersion"), where + ": no apiVersion");
            assertNotNull(raw.get("kind"), where + ": no kind");
            KubernetesResource parsed;
            try {
                parsed = SERIALIZATION.convertValue(raw, KubernetesResource.class);
            } catch (RuntimeException e) {
                throw new AssertionError(where + " does not parse: " + e.getMessage(), e);
            }
            if (apiVersion.startsWith("kafka.strimzi.io/")) {
                assertEquals(STRIMZI_API, apiVersion, where);
                assertTrue(STRIMZI_KINDS.contains(kind), where + ": not a Strimzi kind this project uses");
                assertTrue(parsed instanceof GenericKubernetesResource, where);
            } else {
                Class<? extends KubernetesResource> type = SERIALIZATION.getRegisteredKubernetesResource(apiVersion, kind);
                assertNotNull(type, where + ": " + apiVersion + " " + kind + " is no Kubernetes type the model knows");
                assertTrue(type.isInstance(parsed), where + ": parsed as " + parsed.getClass().getName());
                List<String> unknown = new ArrayList<>();
                unknownFields(parsed, kind, unknown, new IdentityHashMap<>(), 0);
                assertTrue(unknown.isEmpty(), where + ": fields the Kubernetes API does not have: " + unknown);
            }
            HasMetadata object = (HasMetadata) parsed;
            assertNotNull(object.getMetadata(), where + ": no metadata");
            assertNotNull(object.getMetadata().getName(), where + ": no metadata.name");
            docs.add(new Doc(origin, raw, object));
        }
        return docs;
    }

    /**
     * The fabric8 model keeps a field it does not know in {@code additionalProperties} instead of failing: a typo
     * ({@code livenesProbe}) or a field at the wrong level would pass unseen. This walks the typed tree and collects
     * every such field with its path.
     */
    private static void unknownFields(Object o, String path, List<String> found, Map<Object, Boolean> seen, int depth) {
        if (o == null || depth > 40 || o instanceof String || o instanceof Number || o instanceof Boolean
                || o instanceof Enum<?> || seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        if (o instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, found, seen, depth + 1));
            return;
        }
        if (o instanceof Collection<?> collection) {
            int i = 0;
            for (Object item : collection) {
                unknownFields(item, path + "[" + i++ + "]", found, seen, depth + 1);
            }
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")
                || o instanceof GenericKubernetesResource) {
            return;
        }
        for (Method method : o.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
                    || method.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = method.getName();
            String property;
            if (name.startsWith("get") && name.length() > 3) {
                property = Character.toLowerCase(name.charAt(3)) + name.substring(4);
            } else if (name.startsWith("is") && name.length() > 2 && method.getReturnType() == Boolean.class) {
                property = Character.toLowerCase(name.charAt(2)) + name.substring(3);
            } else {
                continue;
            }
            Object value;
            try {
                value = method.invoke(o);
            } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                continue; // a computed getter that does not apply (e.g. a Quantity's numerical amount)
            }
            if (property.equals("additionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> found.add(path + "." + k));
                }
            } else {
                unknownFields(value, path + "." + property, found, seen, depth + 1);
            }
        }
    }

    static <T extends HasMetadata> List<T> all(List<Doc> docs, Class<T> type) {
        return docs.stream().map(Doc::object).filter(type::isInstance).map(type::cast).toList();
    }

    static List<GenericKubernetesResource> strimzi(List<Doc> docs, String kind) {
        return docs.stream().map(Doc::object)
                .filter(o -> o instanceof GenericKubernetesResource && kind.equals(o.getKind()))
                .map(GenericKubernetesResource.class::cast).toList();
    }

    static Optional<Deployment> deployment(List<Doc> docs, String name) {
        return all(docs, Deployment.class).stream().filter(d -> name.equals(d.getMetadata().getName())).findFirst();
    }

    /** The pods of every workload: Deployments, StatefulSets and Jobs. */
    static List<PodSpec> podSpecs(List<Doc> docs) {
        List<PodSpec> pods = new ArrayList<>(podTemplates(docs).values().stream().map(PodTemplateSpec::getSpec).toList());
        all(docs, Job.class).forEach(j -> pods.add(j.getSpec().getTemplate().getSpec()));
        return pods;
    }

    /** Every pod template (Deployments and StatefulSets) by workload name. */
    static Map<String, PodTemplateSpec> podTemplates(List<Doc> docs) {
        Map<String, PodTemplateSpec> templates = new LinkedHashMap<>();
        for (Deployment d : all(docs, Deployment.class)) {
            if (d.getSpec() != null && d.getSpec().getTemplate() != null) {
                templates.put("Deployment " + d.getMetadata().getName(), d.getSpec().getTemplate());
            }
        }
        for (StatefulSet s : all(docs, StatefulSet.class)) {
            if (s.getSpec() != null && s.getSpec().getTemplate() != null) {
                templates.put("StatefulSet " + s.getMetadata().getName(), s.getSpec().getTemplate());
            }
        }
        return templates;
    }

    static List<Container> containers(PodTemplateSpec template) {
        List<Container> containers = new ArrayList<>();
        if (template.getSpec() != null) {
            containers.addAll(template.getSpec().getContainers());
            containers.addAll(template.getSpec().getInitContainers());
        }
        return containers;
    }

    /** The service a {@code semisup/<service>:<tag>} image is of, or null for any other image. */
    static String semisupService(String image) {
        if (image == null || !image.startsWith("semisup/")) {
            return null;
        }
        String rest = image.substring("semisup/".length());
        int colon = rest.indexOf(':');
        return colon < 0 ? rest : rest.substring(0, colon);
    }

    /**
     * Checks that every environment variable a service's container gets, from its own {@code env} and from the
     * ConfigMaps and Secrets it takes whole ({@code envFrom}), sets something that service reads; and that every
     * ConfigMap is taken by some container (otherwise its variables would go unchecked). Returns how many variables
     * were checked.
     */
    static int checkEnvironment(List<Doc> docs, Map<String, ServiceSettings> settings) {
        Map<String, ConfigMap> configMaps = new LinkedHashMap<>();
        all(docs, ConfigMap.class).forEach(c -> configMaps.put(c.getMetadata().getName(), c));
        Map<String, Secret> secrets = new LinkedHashMap<>();
        all(docs, Secret.class).forEach(s -> secrets.put(s.getMetadata().getName(), s));
        Set<String> kafkaUsers = new TreeSet<>(strimzi(docs, "KafkaUser").stream().map(u -> u.getMetadata().getName())
                .toList());
        Set<String> usedConfigMaps = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, PodTemplateSpec> workload : podTemplates(docs).entrySet()) {
            for (Container container : containers(workload.getValue())) {
                Map<String, String> variables = new LinkedHashMap<>(); // name -> where it comes from
                for (EnvFromSource from : container.getEnvFrom()) {
                    if (from.getConfigMapRef() != null) {
                        String name = from.getConfigMapRef().getName();
                        usedConfigMaps.add(name);
                        ConfigMap map = configMaps.get(name);
                        if (map == null) {
                            problems.add(workload.getKey() + " takes ConfigMap " + name + ", which is not defined");
                            continue;
                        }
                        String prefix = from.getPrefix() == null ? "" : from.getPrefix();
                        map.getData().keySet().forEach(k -> variables.put(prefix + k, "ConfigMap " + name));
                    }
                    if (from.getSecretRef() != null) {
                        String name = from.getSecretRef().getName();
                        Secret secret = secrets.get(name);
                        if (secret == null) {
                            problems.add(workload.getKey() + " takes Secret " + name + ", which is not defined");
                            continue;
                        }
                        String prefix = from.getPrefix() == null ? "" : from.getPrefix();
                        secretKeys(secret).forEach(k -> variables.put(prefix + k, "Secret " + name));
                    }
                }
                for (EnvVar env : container.getEnv()) {
                    variables.put(env.getName(), "env");
                    if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                        var ref = env.getValueFrom().getSecretKeyRef();
                        Secret secret = secrets.get(ref.getName());
                        Set<String> documented = OPERATOR_SECRETS.get(ref.getName());
                        if (documented != null) {
                            if (!documented.contains(ref.getKey())) {
                                problems.add(workload.getKey() + ": " + env.getName() + " from key " + ref.getKey()
                                        + " that k8s/README.md does not create in Secret " + ref.getName());
                            }
                        } else if (kafkaUsers.contains(ref.getName())) {
                            // Strimzi's user operator writes a KafkaUser's Secret, named after it, with these keys.
                            if (!Set.of("password", "sasl.jaas.config").contains(ref.getKey())) {
                                problems.add(workload.getKey() + ": " + env.getName() + " from key " + ref.getKey()
                                        + " that KafkaUser " + ref.getName() + "'s Secret does not have");
                            }
                        } else if (secret == null) {
                            problems.add(workload.getKey() + ": " + env.getName() + " from Secret " + ref.getName()
                                    + ", which k8s/README.md does not create");
                        } else if (!secretKeys(secret).contains(ref.getKey())) {
                            problems.add(workload.getKey() + ": " + env.getName() + " from key " + ref.getKey()
                                    + " that Secret " + ref.getName() + " does not have");
                        }
                    }
                    if (env.getValueFrom() != null && env.getValueFrom().getConfigMapKeyRef() != null) {
                        usedConfigMaps.add(env.getValueFrom().getConfigMapKeyRef().getName());
                    }
                }
                String service = semisupService(container.getImage());
                if (service == null) {
                    continue; // MinIO and the like: their own variables
                }
                ServiceSettings reads = settings.get(service);
                if (reads == null) {
                    problems.add(workload.getKey() + " runs " + container.getImage() + ", not a service module");
                    continue;
                }
                for (Map.Entry<String, String> variable : variables.entrySet()) {
                    checked++;
                    if (!reads.reads(variable.getKey())) {
                        problems.add(workload.getKey() + ": " + variable.getKey() + " (" + variable.getValue()
                                + ") names no setting that " + service + " reads");
                    }
                }
            }
        }
        // A ConfigMap mounted as files (a Job's scripts or policies) is taken too; its files are not settings.
        podSpecs(docs).forEach(pod -> pod.getVolumes().stream().filter(v -> v.getConfigMap() != null)
                .forEach(v -> usedConfigMaps.add(v.getConfigMap().getName())));
        for (String name : configMaps.keySet()) {
            if (!usedConfigMaps.contains(name)) {
                problems.add("ConfigMap " + name + " is taken by no container");
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems) + "\n\nWhat the services read:\n"
                    + String.join("\n", settings.values().stream().map(ServiceSettings::toString).toList()));
        }
        return checked;
    }

    /**
     * The Secrets the operator creates, by name, with their keys, as k8s/README.md creates them
     * ({@code kubectl create secret generic NAME --from-literal=KEY=... --from-file=KEY=...}): secrets are
     * referenced by the manifests, never shipped in them.
     */
    static final Map<String, Set<String>> OPERATOR_SECRETS = operatorSecrets();

    private static Map<String, Set<String>> operatorSecrets() {
        Map<String, Set<String>> secrets = new TreeMap<>();
        Matcher command = Pattern.compile(
                "create secret generic ([a-z0-9-]+)((?:[\\s\\\\]+--from-(?:literal|file)=\\S+)+)")
                .matcher(Repo.read(Repo.K8S.resolve("README.md")));
        while (command.find()) {
            Set<String> keys = secrets.computeIfAbsent(command.group(1), k -> new TreeSet<>());
            Matcher key = Pattern.compile("--from-(?:literal|file)=([A-Za-z0-9._-]+)").matcher(command.group(2));
            while (key.find()) {
                keys.add(key.group(1));
            }
        }
        return secrets;
    }

    static Set<String> secretKeys(Secret secret) {
        Set<String> keys = new TreeSet<>();
        if (secret.getData() != null) {
            keys.addAll(secret.getData().keySet());
        }
        if (secret.getStringData() != null) {
            keys.addAll(secret.getStringData().keySet());
        }
        return keys;
    }

    /**
     * Checks every image of a pod template: a {@code semisup/<service>} image is of a service module with its
     * Dockerfile ({@code Dockerfile.jvm} for tag {@code <version>}, {@code Dockerfile.jvm-cuda} for
     * {@code <version>-cuda}). Returns the semisup images seen, by workload.
     */
    static Map<String, String> checkImages(List<Doc> docs) {
        Map<String, String> seen = new LinkedHashMap<>();
        for (Map.Entry<String, PodTemplateSpec> workload : podTemplates(docs).entrySet()) {
            for (Container container : containers(workload.getValue())) {
                String image = container.getImage();
                if (image == null) {
                    continue; // a patch that leaves the image alone
                }
                if (semisupService(image) != null) {
                    Images.checkSemisupImage(workload.getKey(), image);
                    seen.put(workload.getKey(), image);
                } else {
                    assertTrue(image.contains(":") && !image.endsWith(":latest"),
                            workload.getKey() + ": " + image + " should name a fixed tag");
                }
            }
        }
        return seen;
    }
}
