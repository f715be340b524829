package io.semisup.cli.job;

import io.semisup.cli.api.Platform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "watch", mixinStandardHelpOptions = true, description = "Follow a job with a progress bar until it ends.")
public class WatchCommand implements Callable<Integer> {

    @Mixin
    Platform platform;

    @Parameters(index = "0", description = "job id")
    String jobId;

    @Override
    public Integer call() {
        return JobSummary.print(JobWatcher.watch(platform.trainer(), jobId, System.out), platform, System.out) ? 0 : 1;
    }
}
