package io.semisup.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.semisup.contracts.Topics;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.semisup.deploy.Manifests.Doc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A Strimzi KafkaTopic for every topic of {@link Topics#ALL}, with its partition count, and for no other topic. */
class KafkaTopicsTest {

    @Test
    void everyTopicOfTheContractsHasAKafkaTopicWithItsPartitions() {
        List<Doc> docs = new ArrayList<>();
        for (Path file : Repo.yamlFiles(Repo.K8S.resolve("base"))) {
            if (!Repo.isKustomization(file)) {
                docs.addAll(Manifests.parseFile(file));
            }
        }
        checkTopics(docs);
    }

    /** Checks the KafkaTopics among some documents against Topics.ALL and the Kafka cluster they belong to. */
    static void checkTopics(List<Doc> docs) {
        List<GenericKubernetesResource> kafkas = Manifests.strimzi(docs, "Kafka");
        assertEquals(1, kafkas.size(), "one Kafka cluster");
        String cluster = kafkas.get(0).getMetadata().getName();

        Map<String, Integer> expected = new TreeMap<>();
        Topics.ALL.forEach(t -> expected.put(t.name(), t.partitions()));

        Map<String, Integer> found = new TreeMap<>();
        for (GenericKubernetesResource topic : Manifests.strimzi(docs, "KafkaTopic")) {
            Map<String, Object> spec = Repo.map(topic.getAdditionalProperties().get("spec"));
            Object topicName = spec.get("topicName");
            String name = topicName != null ? topicName.toString() : topic.getMetadata().getName();
            assertEquals(cluster, topic.getMetadata().getLabels().get("strimzi.io/cluster"),
                    "KafkaTopic " + name + " must name the cluster in strimzi.io/cluster");
            Object partitions = spec.get("partitions");
            assertFalse(partitions == null, "KafkaTopic " + name + " without partitions");
            Integer previous = found.put(name, ((Number) partitions).intValue());
            assertEquals(null, previous, "KafkaTopic " + name + " twice");
        }
        assertEquals(expected, found, "KafkaTopics (name -> partitions) against io.semisup.contracts.Topics.ALL");
    }
}
