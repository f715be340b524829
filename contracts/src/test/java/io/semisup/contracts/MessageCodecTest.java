package io.semisup.contracts;

import io.semisup.contracts.dataset.DatasetEvent;
import io.semisup.contracts.dataset.DatasetEventType;
import io.semisup.contracts.job.Hyperparameters;
import io.semisup.contracts.job.Method;
import io.semisup.contracts.job.TrainingJob;
import io.semisup.contracts.messaging.InvalidMessageException;
import io.semisup.contracts.messaging.MessageCodec;
import io.semisup.contracts.model.ModelEvent;
import io.semisup.contracts.suggestion.Strategy;
import io.semisup.contracts.suggestion.Suggestions;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageCodecTest {

    @Test
    void trainingJobRoundTripsWithItsWireNames() {
        TrainingJob job = TrainingJob.of("job-1", "cifar", null, Method.FIXMATCH,
                new Hyperparameters(3, 64, 32, 0.5, 0.5, 1e-3, 42L, null, null, null, null, "small", "sgd", 5e-4,
                        0.9, 1.0, true, false, false, 0.99, "mobilenet-v1", "strong"));
        String json = MessageCodec.encode(job);

        assertTrue(json.contains("\"method\":\"fixmatch\""), json);
        assertTrue(json.contains("\"stem\":\"small\""), json);
        assertTrue(json.contains("\"encoder\":\"mobilenet-v1\""), json);
        assertTrue(json.contains("\"schemaVersion\":1"), json);
        assertEquals(job, MessageCodec.decode(json, TrainingJob.class));
    }

    @Test
    void absentHyperparametersMeanDefaults() {
        TrainingJob job = MessageCodec.decode("""
                {"schemaVersion":1,"jobId":"j","datasetId":"d","method":"supervised",
                 "submittedAt":"2026-11-28T00:00:00Z","addedByANewerProducer":true}""", TrainingJob.class);

        assertEquals(Hyperparameters.defaults(), job.hyperparameters());
    }

    @Test
    void otherMessagesRoundTrip() {
        ModelEvent model = new ModelEvent(1, "m1", "j1", "d1", "v1", Method.SGAN, List.of("Zèbre", "Buffle d'Afrique"),
                Map.of("testAccuracy", 0.5), "m1/model.onnx", null, "j1/report/suggestions.json",
                Instant.parse("2026-11-28T00:00:00Z"));
        DatasetEvent dataset = DatasetEvent.of("d1", DatasetEventType.IMAGES_LABELED, null,
                Map.of("labeled", 3L), 3);

        assertEquals(model, MessageCodec.decode(MessageCodec.encode(model), ModelEvent.class));
        assertEquals(dataset, MessageCodec.decode(MessageCodec.encode(dataset), DatasetEvent.class));
    }

    @Test
    void suggestionsUseTheStrategiesWireNames() {
        Suggestions suggestions = new Suggestions(Suggestions.SCHEMA_VERSION, List.of("cat", "dog"),
                List.of(new Suggestions.ScoredImage("img-1", List.of(new Suggestions.Guess("cat", 0.6)),
                        Map.of(Strategy.MARGIN, 0.8), 3)),
                Map.of(Strategy.LEAST_CONFIDENCE, List.of(0), Strategy.RANDOM, List.of(0)));
        String json = MessageCodec.encode(suggestions);

        assertTrue(json.contains("\"least-confidence\":[0]"), json);
        assertTrue(json.contains("\"scores\":{\"margin\":0.8}"), json);
        assertTrue(json.contains("\"class\":\"cat\""), json);
        assertEquals(suggestions, MessageCodec.decode(json, Suggestions.class));
        assertThrows(InvalidMessageException.class, () -> MessageCodec.decode(
                json.replace("\"random\":[0]", "\"random\":[1]"), Suggestions.class));
    }

    @Test
    void refusalsNameWhatIsWrong() {
        assertReason("not valid JSON", "{not json");
        assertReason("empty TrainingJob", "  ");
        assertReason("schemaVersion 2 is not supported", """
                {"schemaVersion":2,"jobId":"j","datasetId":"d","method":"simclr","submittedAt":"2026-11-28T00:00:00Z"}""");
        assertReason("unknown method 'magic'", """
                {"schemaVersion":1,"jobId":"j","datasetId":"d","method":"magic","submittedAt":"2026-11-28T00:00:00Z"}""");
        assertReason("datasetId is required", """
                {"schemaVersion":1,"jobId":"j","method":"simclr","submittedAt":"2026-11-28T00:00:00Z"}""");
        assertReason("jobId '../etc' must be", """
                {"schemaVersion":1,"jobId":"../etc","datasetId":"d","method":"simclr","submittedAt":"2026-11-28T00:00:00Z"}""");
        assertReason("hyperparameters.epochs must be between 1 and 10000, was 0", """
                {"schemaVersion":1,"jobId":"j","datasetId":"d","method":"simclr","submittedAt":"2026-11-28T00:00:00Z",
                 "hyperparameters":{"epochs":0}}""");
        assertReason("hyperparameters.stem must be one of standard, small, was 'tiny'", """
                {"schemaVersion":1,"jobId":"j","datasetId":"d","method":"fixmatch","submittedAt":"2026-11-28T00:00:00Z",
                 "hyperparameters":{"stem":"tiny"}}""");
        assertReason("hyperparameters.encoder must be one of convnet, mobilenet-v1, was 'resnet'", """
                {"schemaVersion":1,"jobId":"j","datasetId":"d","method":"fixmatch","submittedAt":"2026-11-28T00:00:00Z",
                 "hyperparameters":{"encoder":"resnet"}}""");
        assertReason("hyperparameters.labeledView must be one of weak, strong, was 'mild'", """
                {"schemaVersion":1,"jobId":"j","datasetId":"d","method":"supervised","submittedAt":"2026-11-28T00:00:00Z",
                 "hyperparameters":{"labeledView":"mild"}}""");
        assertReason("hyperparameters.stem applies to mobilenet-v1 only", """
                {"schemaVersion":1,"jobId":"j","datasetId":"d","method":"fixmatch","submittedAt":"2026-11-28T00:00:00Z",
                 "hyperparameters":{"encoder":"convnet","stem":"small"}}""");
        assertReason("hyperparameters.confidenceThreshold must be between", """
                {"schemaVersion":1,"jobId":"j","datasetId":"d","method":"fixmatch","submittedAt":"2026-11-28T00:00:00Z",
                 "hyperparameters":{"confidenceThreshold":1.5}}""");
        assertReason("hyperparameters.softWeighting replaces thresholds", """
                {"schemaVersion":1,"jobId":"j","datasetId":"d","method":"fixmatch","submittedAt":"2026-11-28T00:00:00Z",
                 "hyperparameters":{"softWeighting":true,"adaptiveThreshold":true}}""");
        assertReason("field 'hyperparameters.batchSize'", """
                {"schemaVersion":1,"jobId":"j","datasetId":"d","method":"simclr","submittedAt":"2026-11-28T00:00:00Z",
                 "hyperparameters":{"batchSize":"many"}}""");
    }

    private static void assertReason(String expected, String payload) {
        InvalidMessageException e = assertThrows(InvalidMessageException.class,
                () -> MessageCodec.decode(payload, TrainingJob.class));
        assertTrue(e.getMessage().contains(expected), () -> "reason was: " + e.getMessage());
    }
}
