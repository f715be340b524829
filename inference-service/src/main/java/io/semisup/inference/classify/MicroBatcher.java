package io.semisup.inference.classify;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.semisup.inference.serving.ActiveModel;
import io.semisup.inference.serving.InferenceConfig;
import io.semisup.inference.serving.OnnxModel;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Groups concurrent requests into one ONNX Runtime call: batching is where CPU and GPU throughput comes from. A batch
 * is every image that queued while the previous batch ran (up to {@code max-batch}), so it costs a lone request no
 * wait and grows with the load by itself; {@code max-wait-millis} above 0 also holds the first image that long for
 * others to join (it only adds latency on a CPU, where a batch of 1 runs almost as fast per image). Each image
 * arrives with a lease on the model it was preprocessed for, so a batch never mixes models and a swap never breaks a
 * request in flight. Batches run on as many threads as the active model allows calls at once
 * ({@link ActiveModel#parallelCalls()}); the others stand by, since a swap may change it.
 */
@ApplicationScoped
public class MicroBatcher {

    /** One preprocessed image waiting for its probabilities. */
    record Job(ActiveModel.Lease lease, float[] tensor, CompletableFuture<float[]> result) {
    }

    /** How often a standing-by batch thread looks whether the active model allows it to run. */
    private static final long STANDBY_MILLIS = 100;

    private final InferenceConfig config;
    private final ActiveModel active;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final DistributionSummary batchSizes;
    private final List<Thread> dispatchers = new ArrayList<>();

    public MicroBatcher(InferenceConfig config, ActiveModel active, MeterRegistry registry) {
        this.config = config;
        this.active = active;
        this.batchSizes = DistributionSummary.builder("semisup.inference.batch.size")
                .description("images per ONNX Runtime call").publishPercentileHistogram().register(registry);
    }

    void start(@Observes StartupEvent event) {
        int threads = config.parallelCalls() > 0 ? config.parallelCalls() : Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < threads; i++) {
            int index = i;
            Thread dispatcher = new Thread(() -> dispatch(index), "micro-batcher-" + i);
            dispatcher.setDaemon(true);
            dispatcher.start();
            dispatchers.add(dispatcher);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        dispatchers.forEach(Thread::interrupt);
    }

    /** Probabilities for one image; completes when its batch has run. */
    CompletableFuture<float[]> submit(ActiveModel.Lease lease, float[] tensor) {
        Job job = new Job(lease, tensor, new CompletableFuture<>());
        queue.add(job);
        return job.result();
    }

    private void dispatch(int index) {
        List<Job> batch = new ArrayList<>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Job first = next(index);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, config.maxBatch() - batch.size());
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.maxWaitMillis());
                long left;
                while (batch.size() < config.maxBatch() && (left = deadline - System.nanoTime()) > 0) {
                    Job next = queue.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                run(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                batch.clear();
            }
        }
    }

    /** The first image of batch thread {@code index}'s next batch; null to look again (standing by, or none came). */
    private Job next(int index) throws InterruptedException {
        if (index == 0) {
            return queue.take();
        }
        if (index >= active.parallelCalls()) {
            Thread.sleep(STANDBY_MILLIS);
            return null;
        }
        return queue.poll(STANDBY_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void run(List<Job> batch) {
        Map<OnnxModel, List<Job>> byModel = new IdentityHashMap<>();
        for (Job job : batch) {
            byModel.computeIfAbsent(job.lease().model(), m -> new ArrayList<>()).add(job);
        }
        byModel.forEach((model, jobs) -> {
            try {
                int volume = jobs.get(0).tensor().length;
                float[] images = new float[jobs.size() * volume];
                for (int i = 0; i < jobs.size(); i++) {
                    System.arraycopy(jobs.get(i).tensor(), 0, images, i * volume, volume);
                }
                batchSizes.record(jobs.size());
                float[][] probabilities = model.run(images, jobs.size());
                for (int i = 0; i < jobs.size(); i++) {
                    jobs.get(i).result().complete(probabilities[i]);
                }
            } catch (RuntimeException e) {
                jobs.forEach(j -> j.result().completeExceptionally(e));
            } finally {
                jobs.forEach(j -> j.lease().close());
            }
        });
    }
}
