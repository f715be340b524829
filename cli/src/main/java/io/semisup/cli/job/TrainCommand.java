package io.semisup.cli.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.semisup.cli.api.Platform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Submit a training job for a dataset (on a fresh version unless --version) and follow it.")
public class TrainCommand implements Callable<Integer> {

    @Mixin
    Platform platform;

    @Mixin
    TrainOptions options;

    @Parameters(index = "0", description = "dataset id")
    String datasetId;

    @Option(names = "--version", description = "dataset version to train on (default: a fresh one)")
    String version;

    @Option(names = "--detach", description = "submit and return without following the job")
    boolean detach;

    @Override
    public Integer call() {
        String jobId = submit(platform, datasetId, version, options);
        System.out.println("job " + jobId + " submitted");
        if (detach) {
            return 0;
        }
        return JobSummary.print(JobWatcher.watch(platform.trainer(), jobId, System.out), platform, System.out) ? 0 : 1;
    }

    public static String submit(Platform platform, String datasetId, String version, TrainOptions options) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("datasetId", datasetId);
        body.put("datasetVersion", version);
        body.put("method", options.method);
        body.put("hyperparameters", options.hyperparameters());
        JsonNode job = platform.trainer().post("/jobs", body);
        return job.path("jobId").asText();
    }
}
