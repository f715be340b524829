package io.semisup.trainer.job;

import io.semisup.contracts.job.TrainingEvent;
import io.semisup.contracts.messaging.InvalidMessageException;
import io.semisup.contracts.messaging.MessageCodec;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Every instance reads {@code training-events} (in a consumer group of its own) and passes them to its live
 * listeners, so a client following a job gets its progress from whichever instance it asked.
 */
@ApplicationScoped
public class JobEventFeed {

    private final BroadcastProcessor<TrainingEvent> live = BroadcastProcessor.create();

    @Incoming("training-events-feed")
    public void receive(String payload) {
        try {
            live.onNext(MessageCodec.decode(payload, TrainingEvent.class));
        } catch (InvalidMessageException e) {
            // Not ours to refuse: the producer's consumers decide; a follower just does not see it.
        }
    }

    public Multi<TrainingEvent> events() {
        return live;
    }
}
