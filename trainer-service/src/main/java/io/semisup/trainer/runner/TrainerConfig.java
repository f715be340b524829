package io.semisup.trainer.runner;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** How a trainer instance runs its jobs ({@code semisup.trainer.*}). */
@ConfigMapping(prefix = "semisup.trainer")
public interface TrainerConfig {

    /** Local folder for the run of the current job (data, checkpoints, report) before they go to object storage. */
    @WithDefault("${java.io.tmpdir}/semisup-trainer")
    Path workDir();

    /** Names this instance in job records; default host name and HTTP port, so a restarted trainer knows its jobs. */
    Optional<String> instanceId();

    /** How often the running job's record is refreshed and its cancellation marker looked for. */
    @WithDefault("5s")
    Duration heartbeat();

    /**
     * A running job whose heartbeat is older than this is taken over by the instance that gets its message, and
     * handed back to {@code training-jobs} by any instance that notices it.
     */
    @WithDefault("60s")
    Duration lease();

    /** A running job that shows no progress (a step, a loaded image, an epoch) for this long is interrupted, and
     *  ended as FAILED if it has not stopped one lease later. */
    @WithDefault("10m")
    Duration stallTimeout();

    /** How often a job that ran out of memory is tried again from its checkpoint, once its memory is released. */
    @WithDefault("1")
    int retries();

    /** Threads that augment batches (0: one per core). */
    @WithDefault("0")
    int workers();

    /** Parallel image downloads and decodes when a job loads its dataset version. */
    @WithDefault("4")
    int loaderThreads();

    /** Jobs of one dataset that may wait for a trainer: one more is refused (429) until one starts or is cancelled. */
    @WithDefault("10")
    int maxQueuedJobsPerDataset();
}
