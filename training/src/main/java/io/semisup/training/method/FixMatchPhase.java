package io.semisup.training.method;

import io.semisup.contracts.dataset.Split;
import io.semisup.training.data.HostBatch;
import io.semisup.training.data.Sample;
import io.semisup.training.model.Heads;
import io.semisup.training.model.WeightedCrossEntropy;
import io.semisup.training.run.TrainingConfig;
import io.semisup.training.run.TrainingFailedException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * FixMatch (Sohn et al. 2020): each step takes labelled images (the {@link io.semisup.training.data.LabeledView} the
 * run asks for, strong by default) and unlabelled ones,
 * predicts each unlabelled image's weak view with the current weights ({@link #predictWeakViews}: no gradient,
 * the batch's own batch-norm statistics), and trains the labelled views on their labels and the unlabelled images'
 * strong views (RandAugment and Cutout) on the confident predictions ({@link PseudoLabels}: fixed τ, FlexMatch's
 * per-class thresholds or SoftMatch's confidence weights, optionally after distribution alignment). Unlabelled images
 * are drawn in one order per epoch. Without unlabelled images the labelled ones stand in for them.
 */
final class FixMatchPhase extends BasePhase {

    private static final String PSEUDO_LABELS = "pseudo-labels";
    private static final String PREDICTION_MEAN = "prediction-mean";
    private static final String CONFIDENCE = "confidence-moments";
    private static final int LABELLED_LOSS_EVERY = 8;

    private final List<Sample> labeled;
    private final List<Sample> unlabeled;
    private final int labeledPerStep;
    private final int unlabeledPerStep;
    private final PseudoLabels pseudoLabels;
    private int stepInEpoch;

    FixMatchPhase(MethodContext context, int epochs) {
        super("fixmatch", context, epochs, 1.0);
        TrainingConfig config = context.config();
        this.labeled = context.data().split(Split.LABELED);
        if (labeled.isEmpty()) {
            throw new TrainingFailedException("fixmatch needs labelled images; the dataset has none");
        }
        List<Sample> pool = context.data().split(Split.UNLABELED);
        this.unlabeled = pool.isEmpty() ? labeled : pool;
        int batch = config.batchSize();
        this.labeledPerStep = Math.max(1, Math.min(batch - 1, (int) Math.round(batch * config.labeledFraction())));
        this.unlabeledPerStep = batch - labeledPerStep;
        this.pseudoLabels = new PseudoLabels(unlabeled.size(), context.classes(), config.confidenceThreshold(),
                rule(config), config.distributionAlignment() ? frequencies(labeled, context.classes()) : null);
    }

    private static PseudoLabels.Rule rule(TrainingConfig config) {
        return config.softWeighting() ? PseudoLabels.Rule.SOFT
                : config.adaptiveThreshold() ? PseudoLabels.Rule.ADAPTIVE : PseudoLabels.Rule.FIXED;
    }

    /** How often each class occurs among the labelled images (one added to each: no class has probability 0). */
    private static double[] frequencies(List<Sample> labeled, int classes) {
        double[] counts = new double[classes];
        Arrays.fill(counts, 1);
        for (Sample sample : labeled) {
            counts[sample.label()]++;
        }
        return counts;
    }

    @Override
    public ComputationGraph createGraph(ComputationGraph previous) {
        return graph(previous, Heads.CLASSIFIER, new WeightedCrossEntropy());
    }

    /** An epoch is 1,024 labelled images (as in the GAN phase): a pass over 20,000 unlabelled ones takes many
     *  minutes on a CPU, and the run evaluates, averages and checkpoints once per epoch. */
    @Override
    public int stepsPerEpoch() {
        return context.stepsFor(labeled.size(), labeledPerStep);
    }

    /** Rows through the network: labelled and strong views trained, the unlabelled weak views predicted. */
    @Override
    public int rowsPerStep() {
        return labeledPerStep + 2 * unlabeledPerStep;
    }

    /** The trained rows cost three passes each, the predicted ones one (the sampled labelled loss is left out). */
    @Override
    public double passesPerRow() {
        return (3.0 * (labeledPerStep + unlabeledPerStep) + unlabeledPerStep) / rowsPerStep();
    }

    @Override
    public HostBatch batch(int epoch, int step) {
        List<Sample> l = pick(labeled, labeledPerStep, epoch, step, 5);
        int[] indices = indices(unlabeled.size(), unlabeledPerStep, epoch, step, 6);
        List<Sample> u = new ArrayList<>(indices.length);
        for (int index : indices) {
            u.add(unlabeled.get(index));
        }
        return context.batches().weakAndStrong(l, context.config().labeledView(), u, indices, context.batches().random(epoch, step, 5));
    }

    /**
     * Losses: "total" (what the step minimised), "labelled" (cross-entropy of the labelled weak views before the
     * step, in inference mode: the total may rise as more pseudo-labels count, this one should fall) and the share
     * of unlabelled images whose pseudo-label counted (with SoftMatch's weights, their mean). The labelled loss is
     * measured on every {@value #LABELLED_LOSS_EVERY}th step of an epoch only: it is a gauge, and predicting every
     * step's labelled views cost an eighth of the training's arithmetic.
     */
    @Override
    public Map<String, Double> fit(ComputationGraph graph, HostBatch batch) {
        int l = labeledPerStep;
        int u = unlabeledPerStep;
        int volume = 3 * batch.size() * batch.size();
        float[] images = batch.images();
        INDArray trained = DataSets.features(Arrays.copyOfRange(images, 0, (l + u) * volume), l + u, batch.size());
        Double labelled = stepInEpoch++ % LABELLED_LOSS_EVERY == 0
                ? labelledLoss(graph, images, batch, l, volume) : null;
        INDArray weakViews = DataSets.features(Arrays.copyOfRange(images, (l + u) * volume, (l + 2 * u) * volume), u,
                batch.size());
        double[][] weak = predictWeakViews(graph, weakViews);
        PseudoLabels.Selection selection = pseudoLabels.select(weak,
                Arrays.copyOfRange(batch.sources(), l + u, l + 2 * u));
        INDArray targets = FixMatchLoss.targets(Arrays.copyOf(batch.labels(), l), selection, context.classes(),
                context.config().unlabeledWeight(), DataType.FLOAT);
        graph.fit(new org.nd4j.linalg.dataset.MultiDataSet(trained, targets));
        Map<String, Double> losses = new LinkedHashMap<>();
        losses.put("total", graph.score());
        if (labelled != null) {
            losses.put("labelled", labelled);
        }
        losses.put("pseudo-labelled share", selection.share());
        return losses;
    }

    /**
     * Class probabilities of the weak views, normalised by their own batch statistics, as a training forward pass
     * does (and as FixMatch's reference implementation, which passes all views through the network at once). Without
     * a backward pass the running statistics stay as they were. Not inference mode: its running statistics lag the
     * weights by about a hundred steps and come from the strong views that training sees. Measured on cifar10-ssl
     * (README, Quality): far faster early on (48.2% against 40.4% after 10 epochs), level at the end of 10 and 20
     * minutes (+0.4 points over three pairs), for about 5% fewer images/s.
     */
    static double[][] predictWeakViews(ComputationGraph graph, INDArray weakViews) {
        return graph.outputSingle(true, weakViews).toDoubleMatrix();
    }

    /** Mean cross-entropy of the labelled weak views (the batch's first {@code l} rows), predicted. */
    private static double labelledLoss(ComputationGraph graph, float[] images, HostBatch batch, int l, int volume) {
        double[][] p = graph.outputSingle(false, DataSets.features(Arrays.copyOf(images, l * volume), l, batch.size()))
                .toDoubleMatrix();
        double loss = 0;
        for (int i = 0; i < l; i++) {
            loss -= Math.log(Math.max(1e-12, p[i][batch.labels()[i]])) / l;
        }
        return loss;
    }

    @Override
    public void epochFinished(int epoch, boolean last, Path runDir) {
        stepInEpoch = 0;
    }

    @Override
    public boolean classifies() {
        return true;
    }

    @Override
    public Map<String, INDArray> state() {
        return Map.of(PSEUDO_LABELS, pseudoLabels.state(), PREDICTION_MEAN, pseudoLabels.alignmentState(),
                CONFIDENCE, pseudoLabels.confidenceState());
    }

    @Override
    public void restore(Map<String, INDArray> state) {
        INDArray saved = state.get(PSEUDO_LABELS);
        if (saved != null) {
            pseudoLabels.restore(saved);
        }
        INDArray mean = state.get(PREDICTION_MEAN);
        if (mean != null) {
            pseudoLabels.restoreAlignment(mean);
        }
        INDArray confidence = state.get(CONFIDENCE);
        if (confidence != null) {
            pseudoLabels.restoreConfidence(confidence);
        }
    }
}
