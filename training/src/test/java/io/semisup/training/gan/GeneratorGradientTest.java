package io.semisup.training.gan;

import io.semisup.contracts.job.Method;
import io.semisup.training.backend.Backend;
import io.semisup.training.export.ModelCard;
import io.semisup.training.model.Heads;
import io.semisup.training.model.Networks;
import io.semisup.training.run.TrainingConfig;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generator learns through the discriminator: its gradient (backpropagated from the discriminator's gradient with
 * respect to the generated images) matches central differences of its loss, and a step along it lowers the loss.
 */
class GeneratorGradientTest {

    private static final int SIZE = 16;

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    /** Adam's first steps move every weight by about its learning rate: small, so that a step cannot overshoot. */
    static TrainingConfig config(boolean featureMatching) {
        return TrainingConfig.builder(Method.SGAN).imageSize(SIZE).widthMultiplier(0.25).representation(16)
                .noiseSize(8).generatorLearningRate(1e-6).featureMatching(featureMatching).seed(3).build();
    }

    private static INDArray images(DataType type, int rows, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, rows, 3, SIZE, SIZE).muli(2).subi(1).castTo(type);
    }

    @ParameterizedTest(name = "feature matching: {0}")
    @ValueSource(booleans = {true, false})
    void gradientThroughTheDiscriminatorMatchesCentralDifferences(boolean featureMatching) {
        TrainingConfig config = config(featureMatching);
        ComputationGraph classifier = Networks.build(config, 3, Heads.CLASSIFIER);
        Sgan sgan = new Sgan(Discriminator.copyOf(classifier, SIZE, DataType.DOUBLE),
                Generator.build(config, DataType.DOUBLE), featureMatching);
        INDArray real = images(DataType.DOUBLE, 5, 1);
        INDArray noise = sgan.generator().noise(4, new SplittableRandom(2));

        Sgan.GeneratorGradient analytic = sgan.generatorGradient(real, noise);
        MultiLayerNetwork generator = sgan.generator().network();
        // Batch norm over a few generated images makes the loss strongly curved: with a step of 1e-7 the truncation error
        // of central differences alone reached 2% on some parameters, with 1e-9 none is above 1e-3.
        double eps = 1e-9;
        List<Double> errors = new ArrayList<>();
        for (var entry : analytic.gradient().gradientForVariable().entrySet()) {
            // Batch-norm running statistics carry their update, not a gradient: nothing to check there.
            if (entry.getKey().endsWith("_mean") || entry.getKey().endsWith("_log10stdev")) {
                continue;
            }
            INDArray param = generator.getParam(entry.getKey());
            // Same layout as the parameter (weights are 'f' order), so linear indices agree; kept before it is reused.
            INDArray gradient = entry.getValue().dup(param.ordering());
            long n = param.length();
            for (long j = 0; j < n; j += Math.max(1, n / 3)) {
                double original = param.getDouble(j);
                param.putScalar(j, original + eps);
                double plus = sgan.generatorGradient(real, noise).loss();
                param.putScalar(j, original - eps);
                double minus = sgan.generatorGradient(real, noise).loss();
                param.putScalar(j, original);
                double numeric = (plus - minus) / (2 * eps);
                double a = gradient.getDouble(j) / analytic.rows();
                double absolute = Math.abs(a - numeric);
                double relative = absolute < 1e-8 ? 0 : absolute / Math.max(Math.abs(a), Math.abs(numeric));
                assertTrue(relative < 0.02, entry.getKey() + "[" + j + "]: analytic " + a + ", numeric " + numeric);
                errors.add(relative);
            }
        }
        // Not the 1e-9 of a pure-Java loss (NtXentLossTest): the discriminator's own input gradient alone shows errors of
        // about 1e-6, and thousands of ReLUs sit in both networks, where a perturbation that moves a whole channel now
        // and then crosses a kink. A systematic fault (a wrong scale, a path missing) would spoil every parameter instead.
        Collections.sort(errors);
        double median = errors.get(errors.size() / 2);
        double ninetieth = errors.get(errors.size() * 9 / 10);
        assertTrue(errors.size() > 30, "only " + errors.size() + " parameters checked");
        assertTrue(median < 1e-4 && ninetieth < 1e-3, "relative errors: median " + median + ", 90th percentile " + ninetieth);
    }

    @ParameterizedTest(name = "feature matching: {0}")
    @ValueSource(booleans = {true, false})
    void generatorStepsLowerTheLossAgainstAFixedDiscriminator(boolean featureMatching) {
        TrainingConfig config = config(featureMatching);
        ComputationGraph classifier = Networks.build(config, 3, Heads.CLASSIFIER);
        Discriminator discriminator = Discriminator.sharing(classifier, SIZE);
        Sgan sgan = new Sgan(discriminator, Generator.build(config, DataType.FLOAT), featureMatching);
        INDArray real = images(DataType.FLOAT, 16, 4);
        INDArray noise = sgan.generator().noise(16, new SplittableRandom(5));
        INDArray before = classifier.params().dup();

        Sgan.GeneratorGradient step = sgan.generatorGradient(real, noise);
        for (int i = 0; i < 5; i++) {
            sgan.generator().update(step.gradient(), step.rows());
            Sgan.GeneratorGradient next = sgan.generatorGradient(real, noise);
            assertTrue(next.loss() < step.loss(), "step " + (i + 1) + ": loss " + step.loss() + " → " + next.loss());
            step = next;
        }
        assertEquals(before, classifier.params(), "the discriminator moved");
    }

    @Test
    void discriminatorTrainsTheClassifierGraphInPlace() {
        TrainingConfig config = config(true);
        ComputationGraph classifier = Networks.build(config, 3, Heads.CLASSIFIER);
        Discriminator discriminator = Discriminator.sharing(classifier, SIZE);
        INDArray x = images(DataType.FLOAT, 6, 6);
        INDArray probabilities = Transforms.softmax(discriminator.network().output(x, false));
        assertTrue(probabilities.equalsWithEps(classifier.outputSingle(false, x), 1e-5));

        INDArray labels = Nd4j.zeros(DataType.FLOAT, 4, 3);
        labels.putScalar(0, 1, 1f);
        INDArray before = classifier.params().dup();
        INDArray real = x.get(NDArrayIndex.interval(0, 4), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
        INDArray generated = x.get(NDArrayIndex.interval(4, 6), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
        SganLoss.Parts parts = discriminator.fit(real, labels, generated);
        assertTrue(Double.isFinite(parts.supervised()) && Double.isFinite(parts.real()) && Double.isFinite(parts.generated()),
                parts.toString());
        assertTrue(!before.equals(classifier.params()), "fitting the discriminator did not move the graph");
        probabilities = Transforms.softmax(discriminator.network().output(x, false));
        assertTrue(probabilities.equalsWithEps(classifier.outputSingle(false, x), 1e-5));
        long shared = discriminator.features().numParams();
        assertEquals(classifier.params().get(NDArrayIndex.interval(0, shared)),
                discriminator.features().params().reshape(shared), "the feature chain has weights of its own");
    }

    /** Evaluation normalises with running statistics; they must describe real images, whatever the generator draws. */
    @Test
    void batchNormStatisticsComeFromRealImagesOnly() {
        TrainingConfig config = config(true);
        INDArray real = images(DataType.FLOAT, 6, 7);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 6, 3);
        labels.putScalar(0, 2, 1f);
        List<ComputationGraph> trained = new ArrayList<>();
        for (long seed : new long[]{8, 9}) {
            ComputationGraph classifier = Networks.build(config, 3, Heads.CLASSIFIER);
            Discriminator.sharing(classifier, SIZE).fit(real, labels, images(DataType.FLOAT, 4, seed).muli(seed == 8 ? 1 : 0.2));
            trained.add(classifier);
        }
        assertTrue(!trained.get(0).params().equals(trained.get(1).params()), "the generated images did not train the discriminator");
        // The first and the last batch norm of the encoder, whichever it is.
        List<String> norms = Arrays.stream(trained.get(0).getLayers())
                .filter(l -> l instanceof BatchNormalization)
                .map(l -> l.conf().getLayer().getLayerName()).toList();
        assertTrue(norms.size() >= 2, "no batch norms in " + ModelCard.architecture(config));
        for (String layer : List.of(norms.get(0), norms.get(norms.size() - 1))) {
            var a = trained.get(0).getLayer(layer).paramTable();
            var b = trained.get(1).getLayer(layer).paramTable();
            assertEquals(a.get("mean"), b.get("mean"), layer + ": running mean depends on the generated images");
            assertEquals(a.get("log10stdev"), b.get("log10stdev"), layer + ": running deviation depends on the generated images");
        }
    }
}
