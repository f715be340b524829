package io.semisup.trainer.runner;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.semisup.contracts.Topics;
import io.semisup.contracts.job.JobState;
import io.semisup.contracts.job.Method;
import io.semisup.contracts.job.TrainingEvent;
import io.semisup.contracts.job.TrainingJob;
import io.semisup.contracts.messaging.MessageCodec;
import io.semisup.storage.ObjectStore;
import io.semisup.testing.KafkaTestClient;
import io.semisup.testing.LocalStackResource;
import io.semisup.trainer.TestDatasets;
import jakarta.inject.Inject;
import org.bytedeco.javacpp.Pointer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.semisup.trainer.TestJobs.tiny;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ten jobs back to back through one trainer (real Kafka and S3), alternating methods so each builds other networks
 * and workspaces: every one succeeds, and the process's resident memory after the last two is within {@link #GROWTH}
 * of what it was after the second and third (the first loads native libraries and JIT-compiles oneDNN's kernels;
 * the larger of each pair, so that both methods are on each side).
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class TrainerSoakTest {

    private static final int JOBS = 10;
    /** Seven jobs that each kept their workspaces, networks or decoded images would leak several times this. The
     *  tests' heap is fixed and touched (pom), so resident memory moves with native memory only. */
    private static final long GROWTH = 128L << 20;
    private static final String DATASET = "colours";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectStore store;

    @Inject
    JobRunner runner;

    @Test
    void tenJobsInARowSucceedAndTheTenthStartsFromTheFootprintOfTheThird() {
        TestDatasets.ensure(store, DATASET);
        KafkaTestClient kafka = new KafkaTestClient(bootstrapServers);
        List<Long> resident = new ArrayList<>();
        for (int i = 1; i <= JOBS; i++) {
            Method method = i % 2 == 0 ? Method.FIXMATCH : Method.SUPERVISED;
            TrainingJob job = TrainingJob.of("soak-" + i, DATASET, "v1", method, tiny(1));
            kafka.send(Topics.TRAINING_JOBS, job.jobId(), MessageCodec.encode(job));
            TrainingEvent end = MessageCodec.decode(kafka.await(Topics.TRAINING_EVENTS, r -> job.jobId().equals(r.key())
                    && MessageCodec.decode(r.value(), TrainingEvent.class).state().isFinal(), Duration.ofMinutes(3))
                    .value(), TrainingEvent.class);
            assertEquals(JobState.SUCCEEDED, end.state(), job.jobId() + ": " + end.message());
            await().atMost(Duration.ofMinutes(1)).until(runner::idle); // the job's memory is given back after its end
            resident.add(Pointer.physicalBytes());
            System.out.printf("soak: job %d (%s) done, resident %d MB, of which Java heap %d MB (%d MB live)%n", i,
                    method, Pointer.physicalBytes() >> 20, NativeMemory.heapCommitted() >> 20, NativeMemory.heapUsed() >> 20);
        }
        long before = Math.max(resident.get(1), resident.get(2));
        long after = Math.max(resident.get(JOBS - 2), resident.get(JOBS - 1));
        assertTrue(after - before < GROWTH, String.format("resident memory grew by %d MB from jobs 2-3 to jobs %d-%d "
                        + "(bound %d MB): %s", (after - before) >> 20, JOBS - 1, JOBS, GROWTH >> 20,
                resident.stream().map(b -> (b >> 20) + " MB").toList()));
    }
}
