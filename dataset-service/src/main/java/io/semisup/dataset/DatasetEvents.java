package io.semisup.dataset;

import io.semisup.contracts.dataset.DatasetEvent;
import io.semisup.contracts.messaging.MessageCodec;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Tells the rest of the platform what changed, on {@code dataset-events}, keyed by dataset id. */
@ApplicationScoped
public class DatasetEvents {

    private final MutinyEmitter<String> emitter;

    public DatasetEvents(@Channel("dataset-events") MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    public void publish(DatasetEvent event) {
        emitter.sendMessageAndAwait(KafkaRecord.of(event.datasetId(), MessageCodec.encode(event)));
    }
}
