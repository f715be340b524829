package io.semisup.trainer.job;

/** Someone asked for a running job to stop: the instance that runs it interrupts it at once (CDI event). */
public record CancelRequested(String jobId) {
}
