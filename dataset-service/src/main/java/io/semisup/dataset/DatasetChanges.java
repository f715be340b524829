package io.semisup.dataset;

import io.semisup.contracts.dataset.DatasetEvent;
import io.semisup.contracts.dataset.DatasetEventType;
import io.semisup.contracts.messaging.MessageCodec;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Makes a change to a dataset final: writes it through to object storage, then tells the rest of the platform on
 * {@code dataset-events}, keyed by dataset id.
 */
@ApplicationScoped
public class DatasetChanges {

    private final DatasetStore datasets;
    private final MutinyEmitter<String> emitter;

    public DatasetChanges(DatasetStore datasets, @Channel("dataset-events") MutinyEmitter<String> emitter) {
        this.datasets = datasets;
        this.emitter = emitter;
    }

    public void saved(DatasetState dataset, DatasetEventType type) {
        datasets.save(dataset);
        announce(dataset, type, null, dataset.newLabels());
    }

    public void announce(DatasetState dataset, DatasetEventType type, String version, long newLabels) {
        Map<String, Long> counts = dataset.countsBySplit().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().id(), Map.Entry::getValue));
        publish(DatasetEvent.of(dataset.id(), type, version, counts, newLabels));
    }

    public void publish(DatasetEvent event) {
        emitter.sendMessageAndAwait(KafkaRecord.of(event.datasetId(), MessageCodec.encode(event)));
    }
}
