package io.semisup.trainer.runner;

import io.semisup.trainer.job.RunningJob;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One attempt at a job on this instance's job thread, as its heartbeat sees it: when the thread last showed progress,
 * and whether the attempt was stopped from outside (stalled, taken over by another trainer, given up).
 */
final class Attempt {

    final RunningJob job;
    final Thread thread;
    /** Completes when the job has ended for this instance: its message may then be acknowledged. */
    final CompletableFuture<Void> ended;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean stalled;
    private volatile boolean leaseLost;
    private volatile boolean abandoned;

    Attempt(RunningJob job, Thread thread, CompletableFuture<Void> ended) {
        this.job = job;
        this.thread = thread;
        this.ended = ended;
    }

    /** Called by the job's thread whenever it gets on (a step, an image loaded, an epoch). */
    void progressed() {
        lastProgress = System.nanoTime();
    }

    Duration sinceProgress() {
        return Duration.ofNanos(System.nanoTime() - lastProgress);
    }

    void stall() {
        stalled = true;
        thread.interrupt();
    }

    boolean stalled() {
        return stalled;
    }

    void loseLease() {
        leaseLost = true;
        thread.interrupt();
    }

    boolean leaseLost() {
        return leaseLost;
    }

    /** The thread did not stop when interrupted: the job was ended without it; whatever it does later is ignored. */
    void abandon() {
        abandoned = true;
    }

    boolean abandoned() {
        return abandoned;
    }
}
