package io.semisup.training.cli;

import io.semisup.contracts.job.Method;
import io.semisup.training.Trainer;
import io.semisup.training.data.ImageDataset;
import io.semisup.training.data.LabeledView;
import io.semisup.training.export.ModelCard;
import io.semisup.training.model.Encoder;
import io.semisup.training.model.Stem;
import io.semisup.training.report.RunReport;
import io.semisup.training.run.Eta;
import io.semisup.training.run.TrainingConfig;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** Trains one method on a folder in the dataset layout and writes the run folder. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a classifier on a folder with labeled/<class>/, unlabeled/, validation/<class>/, test/<class>/.")
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, description = "dataset folder")
    Path data;

    @Option(names = "--out", required = true, description = "run folder (an existing one is resumed)")
    Path out;

    @Option(names = "--method", required = true, converter = MethodConverter.class,
            description = "supervised, simclr, simclr-finetune, sgan, sgan-pretrained or fixmatch")
    Method method;

    @Option(names = "--epochs", description = "epochs of the main phase (default ${DEFAULT-VALUE})", defaultValue = "100")
    int epochs;

    @Option(names = "--pretrain-epochs", description = "contrastive epochs before the main phase (default: 50 for "
            + "simclr-finetune and sgan-pretrained, 2 for fixmatch)")
    Integer pretrainEpochs;

    @Option(names = "--batch", description = "images per step (default ${DEFAULT-VALUE})", defaultValue = "64")
    int batch;

    @Option(names = "--image-size", description = "input side in pixels (default ${DEFAULT-VALUE})", defaultValue = "128")
    int imageSize;

    @Option(names = "--width", description = "the encoder's width multiplier α (default ${DEFAULT-VALUE})", defaultValue = "1.0")
    double width;

    @Option(names = "--lr", description = "peak learning rate (default: 0.03 for fixmatch, 1e-3 otherwise)")
    Double learningRate;

    @Option(names = "--warmup-epochs", description = "learning-rate warm-up (default: 0 for fixmatch, 2 otherwise)")
    Double warmupEpochs;

    @Option(names = "--weight-decay", description = "L2 on weights (default: 5e-4 for fixmatch, 1e-5 otherwise)")
    Double weightDecay;

    @Option(names = "--encoder", description = "convnet (compact CNN, default for inputs up to " + Encoder.CONVNET_UP_TO
            + " px) or mobilenet-v1 (default above)")
    String encoder;

    @Option(names = "--stem", description = "mobilenet-v1: standard (ImageNet's) or small (keeps the resolution of small "
            + "inputs; default for inputs up to " + Stem.SMALL_UP_TO + " px)")
    String stem;

    @Option(names = "--labeled-view", description = "augmentation of labelled images in the classifier's loss: weak "
            + "(flip and shift) or strong (also RandAugment and Cutout); default: strong for supervised and fixmatch, weak otherwise")
    String labeledView;

    @Option(names = "--ema-decay", description = "decay of the weight average that is evaluated and exported, 0 = off "
            + "(default ${DEFAULT-VALUE})", defaultValue = "0.999")
    double emaDecay;

    @Option(names = "--confidence-threshold", description = "fixmatch: τ (default ${DEFAULT-VALUE})", defaultValue = "0.95")
    double confidenceThreshold;

    @Option(names = "--unlabeled-weight", description = "fixmatch: λ (default ${DEFAULT-VALUE})", defaultValue = "1.0")
    double unlabeledWeight;

    @Option(names = "--adaptive-threshold", negatable = true,
            description = "fixmatch: FlexMatch's per-class thresholds instead of τ for every class (default: off)")
    Boolean adaptiveThreshold;

    @Option(names = "--distribution-alignment", negatable = true,
            description = "fixmatch: align predictions to the labelled class frequencies before thresholding "
                    + "(ReMixMatch; default: on)")
    Boolean distributionAlignment;

    @Option(names = "--soft-weighting", negatable = true,
            description = "fixmatch: weight each pseudo-label by its confidence (SoftMatch) instead of thresholding at τ "
                    + "(default: on, unless --adaptive-threshold)")
    Boolean softWeighting;

    @Option(names = "--temperature", description = "NT-Xent τ (default ${DEFAULT-VALUE})", defaultValue = "0.5")
    double temperature;

    @Option(names = "--labeled-fraction",
            description = "labelled share of a semi-supervised batch (default: 0.25 for simclr, 0.5 for sgan and fixmatch)")
    Double labeledFraction;

    @Option(names = "--generator-lr", description = "sgan: the generator's learning rate (default ${DEFAULT-VALUE})",
            defaultValue = "2e-4")
    double generatorLearningRate;

    @Option(names = "--noise-size", description = "sgan: length of the generator's noise (default ${DEFAULT-VALUE})",
            defaultValue = "100")
    int noiseSize;

    @Option(names = "--feature-matching", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "sgan: the generator matches the discriminator's mean features (default ${DEFAULT-VALUE}); "
                    + "--no-feature-matching maximises log D(G(z)) instead")
    boolean featureMatching;

    @Option(names = "--sample-epochs", split = ",", defaultValue = "5",
            description = "sgan: epochs after which a grid of generated images is drawn, besides the last "
                    + "(default ${DEFAULT-VALUE})")
    List<Integer> sampleEpochs;

    @Option(names = "--optimizer", description = "ADAM or SGD (default: SGD for fixmatch, ADAM otherwise)")
    TrainingConfig.Optimizer optimizer;

    @Option(names = "--linear-probe", description = "simclr: the classifier learns on frozen features")
    boolean linearProbe;

    @Option(names = "--patience", description = "early-stopping patience in epochs, 0 = off (default ${DEFAULT-VALUE})",
            defaultValue = "20")
    int patience;

    @Option(names = "--budget", description = "wall-clock budget, e.g. 20m or 1h (default: none)")
    String budget;

    @Option(names = "--seed", description = "random seed (default ${DEFAULT-VALUE})", defaultValue = "42")
    long seed;

    @Option(names = "--workers", description = "augmentation threads, 0 = one per core (default ${DEFAULT-VALUE})",
            defaultValue = "0")
    int workers;

    @Override
    public Integer call() {
        TrainingConfig.Builder builder = TrainingConfig.builder(method).epochs(epochs)
                .imageSize(imageSize).widthMultiplier(width).temperature(temperature)
                .linearProbe(linearProbe).patience(patience)
                .timeBudget(budget == null ? null : parseDuration(budget)).seed(seed).workers(workers)
                .generatorLearningRate(generatorLearningRate).noiseSize(noiseSize).featureMatching(featureMatching)
                .sampleEpochs(sampleEpochs).emaDecay(emaDecay).confidenceThreshold(confidenceThreshold)
                .unlabeledWeight(unlabeledWeight)
                .encoder(encoder == null ? null : Encoder.of(encoder)).stem(stem == null ? null : Stem.of(stem))
                .labeledView(labeledView == null ? null : LabeledView.of(labeledView));
        // Unset options keep the method's defaults.
        if (pretrainEpochs != null) builder.pretrainEpochs(pretrainEpochs);
        builder.batchSize(batch);
        if (learningRate != null) builder.learningRate(learningRate);
        if (warmupEpochs != null) builder.warmupEpochs(warmupEpochs);
        if (weightDecay != null) builder.weightDecay(weightDecay);
        if (optimizer != null) builder.optimizer(optimizer);
        if (labeledFraction != null) builder.labeledFraction(labeledFraction);
        if (adaptiveThreshold != null) builder.adaptiveThreshold(adaptiveThreshold);
        if (distributionAlignment != null) builder.distributionAlignment(distributionAlignment);
        if (softWeighting != null) builder.softWeighting(softWeighting);
        TrainingConfig config = builder.build();
        ImageDataset dataset;
        try (ProgressBar bar = bar("decoding images", -1, null)) {
            dataset = ImageDataset.readFolder(data, imageSize, Runtime.getRuntime().availableProcessors(),
                    done -> bar.stepTo(done));
        }
        System.out.printf("%s: %d classes %s, %d labelled, %d unlabelled, %d validation, %d test images%n", data,
                dataset.classes().size(), dataset.classes(), dataset.split(io.semisup.contracts.dataset.Split.LABELED).size(),
                dataset.split(io.semisup.contracts.dataset.Split.UNLABELED).size(),
                dataset.split(io.semisup.contracts.dataset.Split.VALIDATION).size(),
                dataset.split(io.semisup.contracts.dataset.Split.TEST).size());
        RunReport report;
        try (ProgressBarListener progress = new ProgressBarListener()) {
            report = Trainer.train(config, dataset, out,
                    ModelCard.Origin.local(out.toAbsolutePath().getFileName().toString()), progress);
        }
        System.out.printf(Locale.ROOT, "%s: %s accuracy %.2f%% on %d images (%s), %.1f min, %.1f train images/s (%.1f%% of %.0f GFLOP/s)%n"
                        + "report: %s, model: %s%n",
                method, report.evaluation().split(), 100 * report.evaluation().accuracy(), report.evaluation().images(),
                report.stopReason(), report.trainingSeconds() / 60, report.throughput().trainImagesPerSecond(),
                100 * report.throughput().ceilingShare(), report.throughput().matmulGflopsPerSecond(),
                out.resolve("report.json"), out.resolve(Trainer.ONNX_FILE));
        return 0;
    }

    /**
     * A bar redrawn in place on a terminal; in a file or pipe, a line every 10 s while progress moves instead of
     * carriage-return updates.
     *
     * @param deadline the end of the phase's time budget, or null; with one, the ETA is the sooner of the rate's and
     *                 the deadline's
     */
    static ProgressBar bar(String task, long total, Instant deadline) {
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII);
        if (System.console() != null) {
            builder.setUpdateIntervalMillis(500).continuousUpdate();
        } else {
            builder.setConsumer(new DelegatingProgressBarConsumer(System.out::println, 120)).setUpdateIntervalMillis(10_000);
        }
        if (deadline != null) {
            builder.setEtaFunction(state -> Optional.of(Eta.of(state.getElapsedAfterStart(),
                    state.getCurrent() - state.getStart(), state.getMax() - state.getCurrent(),
                    Duration.between(Instant.now(), deadline))));
        }
        return builder.build();
    }

    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            long amount = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("budget '" + text + "': use 90s, 20m, 1h or ISO-8601 (PT20M)");
        }
    }
}
