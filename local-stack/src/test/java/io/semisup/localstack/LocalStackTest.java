package io.semisup.localstack;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;
import io.semisup.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalStackTest {

    private static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(Files.createTempDirectory(Path.of("target"), "local-stack-"), 0, 0);
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    void createsEveryContractTopicWithItsPartitions() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrapServers()))) {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            for (Topics.Topic topic : Topics.ALL) {
                assertTrue(names.contains(topic.name()), topic.name());
                int partitions = admin.describeTopics(List.of(topic.name())).allTopicNames().get()
                        .get(topic.name()).partitions().size();
                assertEquals(topic.partitions(), partitions, topic.name());
            }
        }
    }

    @Test
    void kafkaCarriesARecord() {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()),
                new StringSerializer(), new StringSerializer());
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "local-stack-test",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                        new StringDeserializer(), new StringDeserializer())) {
            producer.send(new ProducerRecord<>("local-stack-test", "k", "hello"));
            producer.flush();
            consumer.subscribe(List.of("local-stack-test"));
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
            assertEquals(1, received.size());
            assertEquals("hello", received.get(0).value());
        }
    }

    @Test
    void s3StoresListsAndReturnsAnObject() throws Exception {
        MinioClient minio = MinioClient.builder()
                .endpoint(stack.s3Endpoint())
                .credentials(stack.accessKey(), stack.secretKey())
                .build();
        minio.makeBucket(MakeBucketArgs.builder().bucket("round-trip").build());
        assertTrue(minio.bucketExists(BucketExistsArgs.builder().bucket("round-trip").build()));

        byte[] bytes = "Zèbre".getBytes(StandardCharsets.UTF_8);
        minio.putObject(PutObjectArgs.builder().bucket("round-trip").object("a/b.txt")
                .data(bytes, bytes.length).build());

        List<String> keys = new ArrayList<>();
        for (Result<Item> item : minio.listObjects(ListObjectsArgs.builder().bucket("round-trip").recursive(true)
                .build())) {
            keys.add(item.get().objectName());
        }
        assertEquals(List.of("a/b.txt"), keys);
        try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket("round-trip").object("a/b.txt").build())) {
            assertEquals("Zèbre", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
