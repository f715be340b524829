package io.semisup.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.semisup.deploy.Manifests.Doc;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each service's KafkaUser (k8s/base/kafka-users.yaml) is allowed exactly what its application.properties uses: Read
 * and Describe on the topics it consumes, Read on their consumer groups (a prefix where the group ends in
 * {@code ${quarkus.uuid}}), Write and Describe on the topics it produces and on its dead-letter topics; it
 * authenticates with SCRAM-SHA-512 and its ACLs are enforced.
 */
class KafkaUsersTest {

    private static final Pattern CHANNEL = Pattern.compile(
            "mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.(topic|group\\.id|dead-letter-queue\\.topic)");

    @TestFactory
    Stream<DynamicTest> eachServiceMayUseExactlyItsTopicsAndGroups() {
        List<Doc> docs = new ArrayList<>();
        for (Path file : Repo.yamlFiles(Repo.K8S.resolve("base"))) {
            if (!Repo.isKustomization(file)) {
                docs.addAll(Manifests.parseFile(file));
            }
        }
        List<GenericKubernetesResource> users = Manifests.strimzi(docs, "KafkaUser");
        String cluster = Manifests.strimzi(docs, "Kafka").get(0).getMetadata().getName();
        return Repo.dataServiceModules().stream().map(module -> DynamicTest.dynamicTest(module.getFileName().toString(),
                () -> {
                    String service = module.getFileName().toString();
                    GenericKubernetesResource user = users.stream()
                            .filter(u -> service.equals(u.getMetadata().getName())).findFirst()
                            .orElseThrow(() -> new AssertionError("no KafkaUser " + service));
                    assertEquals(cluster, user.getMetadata().getLabels().get("strimzi.io/cluster"), service);
                    assertEquals("scram-sha-512", Repo.at(user.getAdditionalProperties(), "spec", "authentication",
                            "type"), service + ": authentication");
                    assertEquals("simple", Repo.at(user.getAdditionalProperties(), "spec", "authorization", "type"),
                            service + ": authorization");
                    assertEquals(expected(module), granted(user), service + ": ACLs");
                }));
    }

    /** "type name pattern operation" for every grant the KafkaUser has. */
    private static Set<String> granted(GenericKubernetesResource user) {
        Set<String> acls = new TreeSet<>();
        for (Object acl : Repo.list(Repo.at(user.getAdditionalProperties(), "spec", "authorization", "acls"))) {
            Map<String, Object> resource = Repo.map(Repo.map(acl).get("resource"));
            for (Object operation : Repo.list(Repo.map(acl).get("operations"))) {
                acls.add(resource.get("type") + " " + resource.get("name") + " " + resource.get("patternType") + " "
                        + operation);
            }
        }
        return acls;
    }

    /** What the service's channels need, read from its application.properties. */
    private static Set<String> expected(Path module) {
        Properties properties = Repo.applicationProperties(module);
        Set<String> acls = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            Matcher m = CHANNEL.matcher(key);
            if (!m.matches()) {
                continue;
            }
            String value = properties.getProperty(key);
            switch (m.group(3)) {
                case "topic" -> {
                    String operation = m.group(1).equals("incoming") ? "Read" : "Write";
                    acls.add("topic " + value + " literal " + operation);
                    acls.add("topic " + value + " literal Describe");
                }
                case "group.id" -> acls.add(value.endsWith("${quarkus.uuid}")
                        ? "group " + value.substring(0, value.length() - "${quarkus.uuid}".length()) + " prefix Read"
                        : "group " + value + " literal Read");
                default -> {
                    acls.add("topic " + value + " literal Write");
                    acls.add("topic " + value + " literal Describe");
                }
            }
        }
        return acls;
    }
}
