package io.semisup.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.semisup.cli.api.Platform;
import io.semisup.cli.classify.HeldOutEvaluation;
import io.semisup.cli.classify.ServedModel;
import io.semisup.cli.dataset.DatasetFolder;
import io.semisup.cli.dataset.DatasetImport;
import io.semisup.cli.dataset.GenerateCommand;
import io.semisup.cli.job.JobSummary;
import io.semisup.cli.job.JobWatcher;
import io.semisup.cli.job.TrainCommand;
import io.semisup.cli.job.TrainOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * The main job: a dataset in, a served classifier out, judged on images it never saw. Every step goes through the
 * services' public APIs, as a team's own client would.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Import a dataset (generated unless --data), train a semi-supervised model, wait until it is "
                + "served, classify the held-back images through POST /classify and print the accuracy.")
public class DemoCommand implements Callable<Integer> {

    @Mixin
    Platform platform;

    @Mixin
    TrainOptions options;

    @Option(names = "--data", description = "a folder in the dataset layout, e.g. ../shared/datasets/cifar10-ssl "
            + "(default: the generated shapes dataset)")
    Path data;

    @Override
    public Integer call() throws IOException {
        // The trainer's default encoder for small images (the compact ConvNet) reached 100% of the shapes' test
        // images on three seeds in 8 epochs; MobileNetV1 with ImageNet's stem, which the demo used before, swung
        // between 82% and 100% from seed to seed in the same budget.
        options.withQuickDefaults();
        DatasetFolder folder = data != null ? new DatasetFolder(data)
                : GenerateCommand.generate(Files.createTempDirectory("semisup-shapes-"), 1);
        String name = data != null ? data.toAbsolutePath().normalize().getFileName().toString() : "shapes";
        System.out.println("\n== 1/4 importing " + folder.root());
        String datasetId = DatasetImport.run(platform.datasets(), folder, name, System.out);

        System.out.println("\n== 2/4 training " + options.method + " on dataset " + datasetId);
        String jobId = TrainCommand.submit(platform, datasetId, null, options);
        System.out.println("job " + jobId + " (follow it: GET " + platform.trainer().uri("/jobs/" + jobId + "/events") + ")");
        JsonNode job = JobWatcher.watch(platform.trainer(), jobId, System.out);
        if (!JobSummary.print(job, platform, System.out)) {
            return 1;
        }

        System.out.println("\n== 3/4 waiting for the inference-service to serve model " + jobId);
        ServedModel.await(platform.inference(), jobId, Duration.ofMinutes(3));
        System.out.println("served: " + platform.inference().uri("/models/active"));

        String split = folder.heldOutSplit();
        System.out.println("\n== 4/4 classifying the held-back " + split + " images through POST "
                + platform.inference().uri("/classify"));
        HeldOutEvaluation.Result result = HeldOutEvaluation.run(platform.inference(), folder, split, 4);
        HeldOutEvaluation.print(result, split, System.out);
        System.out.printf("%ncurves: %s, %s; confusion matrix: %s%nmodel: %s%n",
                platform.trainer().uri("/jobs/" + jobId + "/report/accuracy.png"),
                platform.trainer().uri("/jobs/" + jobId + "/report/loss.png"),
                platform.trainer().uri("/jobs/" + jobId + "/report/confusion.png"),
                platform.trainer().uri("/jobs/" + jobId + "/model.onnx"));
        return 0;
    }
}
