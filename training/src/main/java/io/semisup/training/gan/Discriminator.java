package io.semisup.training.gan;

import io.semisup.training.model.Networks;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The SGAN discriminator: the classifier graph's layers (MobileNetV1, representation, K class logits) as a chain,
 * with {@link SganLoss} on the logits. A chain because in Deeplearning4j 1.0.0-M2.1 only a MultiLayerNetwork returns
 * the gradient with respect to its input ({@code calculateGradients}), which is how the generator learns; MobileNetV1
 * is a chain, so nothing is lost. A second chain stops at the representation layer with {@link FeatureMatchingLoss}
 * and shares the weights. Batch norm runs in training mode for both the loss and its gradient, as in a training step.
 *
 * <p>{@link #sharing} works on the classifier graph's own weights (and batch-norm statistics): the graph the run
 * evaluates, checkpoints and exports is always the trained discriminator, without copies.
 */
public final class Discriminator {

    private final MultiLayerNetwork network;
    private final MultiLayerNetwork features;
    private final SganLoss loss;
    private final FeatureMatchingLoss matching;

    private Discriminator(MultiLayerNetwork network, MultiLayerNetwork features) {
        this.network = network;
        this.features = features;
        this.loss = (SganLoss) ((OutputLayer) network.getOutputLayer().conf().getLayer()).getLossFn();
        this.matching = (FeatureMatchingLoss) ((LossLayer) features.getOutputLayer().conf().getLayer()).getLossFn();
    }

    /**
     * A discriminator on the weights of {@code classifier}, built by {@link Networks} with the classifier head for
     * {@code imageSize} images.
     */
    public static Discriminator sharing(ComputationGraph classifier, int imageSize) {
        return create(classifier, imageSize, classifier.params().dataType(), false);
    }

    /** An independent copy of {@code classifier}'s weights in another precision (double for gradient checks). */
    public static Discriminator copyOf(ComputationGraph classifier, int imageSize, DataType type) {
        return create(classifier, imageSize, type, true);
    }

    private static Discriminator create(ComputationGraph classifier, int imageSize, DataType type, boolean copy) {
        InputType input = InputType.convolutional(imageSize, imageSize, 3, Networks.FORMAT);
        ComputationGraphConfiguration conf = classifier.getConfiguration();
        OutputLayer head = (OutputLayer) layerConf(conf, Networks.CLASSES).clone();
        head.setLossFn(new SganLoss());
        head.setActivationFn(Activation.IDENTITY.getActivationFunction());
        MultiLayerNetwork network = new MultiLayerNetwork(chain(conf, input, Networks.CLASSES, head, type));
        INDArray params = classifier.params();
        network.init(params.reshape(1, params.length()), copy);

        // Feature matching on the representation, the last layer before the logits, as in Salimans et al.
        LossLayer matching = new LossLayer.Builder(new FeatureMatchingLoss()).activation(Activation.IDENTITY).build();
        MultiLayerNetwork features = new MultiLayerNetwork(chain(conf, input, Networks.CLASSES, matching, type));
        long shared = network.numParams() - network.getOutputLayer().numParams();
        // Layers come first to last in both chains: the feature chain's weights are a prefix of the discriminator's.
        INDArray all = network.params();
        features.init(all.reshape(all.length()).get(NDArrayIndex.interval(0, shared)).reshape(1, shared), false);
        return new Discriminator(network, features);
    }

    private static Layer layerConf(ComputationGraphConfiguration conf, String name) {
        return ((LayerVertex) conf.getVertices().get(name)).getLayerConf().getLayer();
    }

    /** The graph's layers in order, with {@code head} in place of the layer {@code replaced} and what follows it. */
    private static MultiLayerConfiguration chain(ComputationGraphConfiguration conf, InputType input, String replaced,
                                                 Layer head, DataType type) {
        var list = new NeuralNetConfiguration.Builder().dataType(type)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED).inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .cacheMode(CacheMode.NONE).list();
        int index = 0;
        for (String name : conf.getTopologicalOrderStr()) {
            GraphVertex vertex = conf.getVertices().get(name);
            if (!(vertex instanceof LayerVertex layer)) {
                continue;
            }
            if (conf.getVertexInputs().get(name).size() != 1) {
                throw new IllegalArgumentException("layer '" + name + "' has several inputs: not a chain");
            }
            if (layer.getPreProcessor() != null) {
                list.inputPreProcessor(index, layer.getPreProcessor().clone());
            }
            if (name.equals(replaced)) {
                break;
            }
            list.layer(index++, layer.getLayerConf().getLayer().clone());
        }
        return list.layer(index, head).setInputType(input).build();
    }

    public MultiLayerNetwork network() {
        return network;
    }

    /** The chain up to the representation, on the same weights. */
    MultiLayerNetwork features() {
        return features;
    }

    /**
     * One update on {@code images} (real and generated rows) labelled as {@link SganLoss} reads them: one-hot,
     * zeros (unlabelled real) or -1 (generated).
     */
    public SganLoss.Parts fit(INDArray images, INDArray labels) {
        network.fit(new DataSet(images, labels));
        return loss.last();
    }

    /**
     * The generator's loss on one batch of {@code real} (unlabelled) and {@code generated} images together (batch
     * norm sees both, as in the discriminator's own step) and its gradient with respect to each generated image, in
     * DL4J's convention: that of the mean loss times the number of generated images. Feature matching, or
     * {@code -log D(G(z))} on the generated rows; the discriminator's weights do not move.
     */
    public Pair<Double, INDArray> generatorLoss(INDArray real, INDArray generated, boolean featureMatching) {
        long r = real.size(0);
        long g = generated.size(0);
        long n = r + g;
        INDArray images = Nd4j.concat(0, real, generated);
        Pair<Gradient, INDArray> gradients;
        double value;
        if (featureMatching) {
            long width = network.getOutputLayer().getParam("W").size(0); // the representation's
            INDArray weights = Nd4j.zeros(images.dataType(), n, width);
            weights.get(NDArrayIndex.interval(0, r), NDArrayIndex.all()).assign(1.0 / r);
            weights.get(NDArrayIndex.interval(r, n), NDArrayIndex.all()).assign(-1.0 / g);
            gradients = features.calculateGradients(images, weights, null, null);
            value = matching.last();
        } else {
            long classes = network.getOutputLayer().getParam("W").size(1);
            INDArray mask = Nd4j.zeros(images.dataType(), n, 1);
            mask.get(NDArrayIndex.interval(r, n), NDArrayIndex.all()).assign(1);
            // The generated rows labelled "real" (zeros); real rows only shape the batch-norm statistics.
            gradients = network.calculateGradients(images, Nd4j.zeros(images.dataType(), n, classes), null, mask);
            value = loss.last().real();
        }
        // The loss's gradients carry a factor n (all rows); the generator's updater divides by g.
        INDArray perImage = gradients.getSecond().get(NDArrayIndex.interval(r, n)).mul((double) g / n);
        return new Pair<>(value, perImage);
    }
}
