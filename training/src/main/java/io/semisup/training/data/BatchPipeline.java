package io.semisup.training.data;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Prepares batches on worker threads ahead of the training step, in order, so augmentation overlaps the step.
 * Each batch is a pure function of its index (its randomness derives from the run's seed), so the result does not
 * depend on the number of workers. Also measures how long the consumer waited: if that is a large share of a step,
 * the pipeline, not the network, is the bottleneck.
 */
public final class BatchPipeline implements AutoCloseable {

    private final ExecutorService workers;
    private final int prefetch;
    private final AtomicLong waitedNanos = new AtomicLong();
    private final AtomicLong producedNanos = new AtomicLong();

    public BatchPipeline(int threads, int prefetch) {
        this.workers = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "augment");
            t.setDaemon(true);
            return t;
        });
        this.prefetch = Math.max(1, prefetch);
    }

    /** The batches {@code 0..count-1} of {@code producer}, computed ahead. */
    public Iterator<HostBatch> run(int count, IntFunction<HostBatch> producer) {
        ArrayDeque<Future<HostBatch>> ahead = new ArrayDeque<>();
        return new Iterator<>() {
            private int submitted;

            @Override
            public boolean hasNext() {
                fill();
                return !ahead.isEmpty();
            }

            @Override
            public HostBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                long start = System.nanoTime();
                try {
                    return ahead.removeFirst().get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a batch", e);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("preparing a batch failed: " + e.getCause(), e.getCause());
                } finally {
                    waitedNanos.addAndGet(System.nanoTime() - start);
                    fill();
                }
            }

            private void fill() {
                while (submitted < count && ahead.size() < prefetch) {
                    int index = submitted++;
                    ahead.addLast(workers.submit(() -> {
                        long start = System.nanoTime();
                        HostBatch batch = producer.apply(index);
                        producedNanos.addAndGet(System.nanoTime() - start);
                        return batch;
                    }));
                }
            }
        };
    }

    /** Seconds the training loop spent waiting for batches, since the last call. */
    public double takeWaitSeconds() {
        return waitedNanos.getAndSet(0) / 1e9;
    }

    /** Worker seconds spent producing batches, since the last call. */
    public double takeProduceSeconds() {
        return producedNanos.getAndSet(0) / 1e9;
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
