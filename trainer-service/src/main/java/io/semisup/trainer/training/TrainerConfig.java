package io.semisup.trainer.training;

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

    /** A running job whose heartbeat is older than this is taken over by the instance that gets its message. */
    @WithDefault("60s")
    Duration lease();

    /** Threads that augment batches (0: one per core). */
    @WithDefault("0")
    int workers();

    /** Parallel image downloads and decodes when a job loads its dataset version. */
    @WithDefault("4")
    int loaderThreads();
}
