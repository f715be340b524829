package io.semisup.training.method;

import io.semisup.contracts.dataset.Split;
import io.semisup.training.data.Augmenter;
import io.semisup.training.data.HostBatch;
import io.semisup.training.data.Sample;
import io.semisup.training.gan.CollapseGuard;
import io.semisup.training.gan.Discriminator;
import io.semisup.training.gan.Generator;
import io.semisup.training.gan.SampleGrid;
import io.semisup.training.gan.Sgan;
import io.semisup.training.model.Heads;
import io.semisup.training.run.TrainingFailedException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The semi-supervised GAN (Salimans et al. 2016). The graph is the classifier itself (encoder, representation, K
 * class logits): the discriminator trains its weights in place, so evaluation, early stopping, checkpoints and export
 * work as in every phase. Every step takes labelled images ({@code labeledFraction} of the batch) and unlabelled ones
 * (the rest), one mild augmentation each. An epoch is a pass over the labelled images (at least 1,024 of them, like
 * every classifier phase), not over the unlabelled ones: with 20,000 unlabelled images that pass would take many
 * minutes on a CPU, and the run evaluates, keeps its best weights, checkpoints and draws samples once per epoch.
 * The generator and the discriminator's optimizer live beside the graph, and their state goes into the checkpoint.
 */
final class SganPhase extends BasePhase {

    private static final int SAMPLES = 64;

    private final List<Sample> labeled;
    private final List<Sample> real;
    private final int labeledPerStep;
    private final int unlabeledPerStep;
    private final CollapseGuard guard = new CollapseGuard();
    private ComputationGraph graph;
    private Sgan sgan;

    SganPhase(MethodContext context, int epochs) {
        super("sgan", context, epochs, 1.0);
        this.labeled = context.data().split(Split.LABELED);
        if (labeled.isEmpty()) {
            throw new TrainingFailedException("sgan needs labelled images; the dataset has none");
        }
        List<Sample> unlabeled = context.data().split(Split.UNLABELED);
        // Without unlabelled images the labelled ones serve as the real images too.
        this.real = unlabeled.isEmpty() ? labeled : unlabeled;
        int batch = context.config().batchSize();
        this.labeledPerStep = Math.max(1, Math.min(batch - 1, (int) Math.round(batch * context.config().labeledFraction())));
        this.unlabeledPerStep = batch - labeledPerStep;
    }

    @Override
    public ComputationGraph createGraph(ComputationGraph previous) {
        graph = graph(previous, Heads.CLASSIFIER, 1.0);
        Generator generator = Generator.build(context.config(), graph.params().dataType());
        sgan = new Sgan(Discriminator.sharing(graph, context.config().imageSize()), generator, context.config().featureMatching());
        return graph;
    }

    @Override
    public int stepsPerEpoch() {
        return context.stepsFor(labeled.size(), labeledPerStep);
    }

    /** Discriminator rows: labelled, unlabelled and as many generated in its step, unlabelled and generated in the generator's. */
    @Override
    public int rowsPerStep() {
        return labeledPerStep + 4 * unlabeledPerStep;
    }

    @Override
    public HostBatch batch(int epoch, int step) {
        List<Sample> picked = new ArrayList<>(pick(labeled, labeledPerStep, epoch, step, 5));
        picked.addAll(pick(real, unlabeledPerStep, epoch, step, 6));
        HostBatch batch = context.batches().single(picked, Augmenter.Policy.classifier(),
                context.batches().random(epoch, step, 5));
        // Only the labelled rows carry a class (the real rows may be labelled images when there are no others).
        int[] labels = batch.labels().clone();
        Arrays.fill(labels, labeledPerStep, labels.length, Sample.UNLABELED);
        return new HostBatch(batch.images(), labels, batch.rows(), batch.size());
    }

    @Override
    public Map<String, Double> fit(ComputationGraph graph, HostBatch batch) {
        MultiLayerNetwork discriminator = sgan.discriminator().network();
        // The noise is a function of the step count, which a checkpoint restores: resumed runs draw the same.
        Sgan.Losses losses = sgan.step(DataSets.features(batch), DataSets.oneHot(batch, context.classes()),
                unlabeledPerStep, context.batches().random(-1, discriminator.getIterationCount(), 7));
        // The graph's step count drives the reported learning rate and is what a checkpoint keeps.
        graph.getConfiguration().setIterationCount(discriminator.getIterationCount());
        guard.record(losses.discriminator().realVsFake());
        Map<String, Double> named = new LinkedHashMap<>();
        named.put("discriminator", losses.discriminator().score());
        named.put("classes", losses.discriminator().supervised());
        named.put("real-vs-fake", losses.discriminator().realVsFake());
        named.put("generator", losses.generator());
        return named;
    }

    @Override
    public boolean classifies() {
        return true;
    }

    @Override
    public void epochFinished(int epoch, boolean last, Path runDir) {
        guard.epochEnded(name(), epoch);
        if (context.config().sampleEpochs().contains(epoch)) {
            samples(runDir.resolve(String.format("samples-epoch-%03d.png", epoch)));
        }
        if (last) {
            samples(runDir.resolve("samples-final.png"));
        }
    }

    /** A grid from the same noise every time, so grids of different epochs compare. */
    private void samples(Path file) {
        Generator generator = sgan.generator();
        SampleGrid.write(generator.generate(generator.noise(SAMPLES, context.batches().random(-1, -1, 8))), file);
    }

    @Override
    public Map<String, INDArray> state() {
        MultiLayerNetwork generator = sgan.generator().network();
        return Map.of("discriminator-updater", sgan.discriminator().network().getUpdater().getStateViewArray(),
                "generator", generator.params(),
                "generator-updater", generator.getUpdater().getStateViewArray(),
                "generator-steps", Nd4j.scalar(generator.getIterationCount()));
    }

    @Override
    public void restore(Map<String, INDArray> state) {
        MultiLayerNetwork discriminator = sgan.discriminator().network();
        discriminator.setIterationCount(graph.getConfiguration().getIterationCount());
        discriminator.getUpdater().setStateViewArray(discriminator, state.get("discriminator-updater"), false);
        MultiLayerNetwork generator = sgan.generator().network();
        generator.setParams(state.get("generator"));
        generator.getUpdater().setStateViewArray(generator, state.get("generator-updater"), false);
        generator.setIterationCount(state.get("generator-steps").getInt(0));
    }
}
