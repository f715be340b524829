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
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.HashMap;
import java.util.Map;

/**
 * The SGAN discriminator: the classifier graph's layers (encoder, representation, K class logits) as a chain,
 * with {@link SganLoss} on the logits. A chain because in Deeplearning4j 1.0.0-M2.1 only a MultiLayerNetwork returns
 * the gradient with respect to its input ({@code calculateGradients}), which is how the generator learns; both
 * encoders are chains, so nothing is lost. A second chain stops at the representation layer with {@link FeatureMatchingLoss}
 * and shares the weights. Batch norm runs in training mode for both the loss and its gradient, as in a training step,
 * and real and generated images never share a batch-norm batch.
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
     * One update on {@code real} images (labelled as {@link SganLoss} reads them: one-hot, or zeros when unlabelled)
     * and {@code generated} ones. Real and generated images pass separately, so batch norm normalises each kind by its
     * own statistics (as in DCGAN) and the running statistics that evaluation uses come from real images only; the
     * two gradients add up to that of the whole loss, and one optimizer step applies them.
     */
    public SganLoss.Parts fit(INDArray real, INDArray labels, INDArray generated) {
        Gradient realGradient = network.calculateGradients(real, labels, null, null).getFirst();
        SganLoss.Parts realParts = loss.last();
        // Each pass leaves the loss's gradient times its rows in the gradient view; the next pass overwrites it.
        INDArray view = network.getGradientsViewArray();
        INDArray realMean = view.div(real.size(0));
        Map<String, INDArray> runningStatistics = new HashMap<>();
        realGradient.gradientForVariable().forEach((name, g) -> {
            if (isRunningStatistic(name)) {
                runningStatistics.put(name, g.dup());
            }
        });
        INDArray fake = Nd4j.zeros(labels.dataType(), generated.size(0), labels.size(1)).subi(1);
        Gradient gradient = network.calculateGradients(generated, fake, null, null).getFirst();
        SganLoss.Parts generatedParts = loss.last();
        view.divi(generated.size(0)).addi(realMean);
        // Running statistics carry an update to apply as it is (never divided by the batch): the real pass's only.
        runningStatistics.forEach((name, update) -> gradient.getGradientFor(name).assign(update));
        network.getUpdater().update(network, gradient, network.getIterationCount(), network.getEpochCount(), 1,
                LayerWorkspaceMgr.noWorkspaces());
        network.params().subi(view.reshape(network.params().shape()));
        network.setIterationCount(network.getIterationCount() + 1);
        return new SganLoss.Parts(realParts.supervised(), realParts.real(), generatedParts.generated(),
                realParts.score() + generatedParts.score());
    }

    private static boolean isRunningStatistic(String variable) {
        String param = variable.substring(variable.lastIndexOf('_') + 1);
        return param.equals(BatchNormalizationParamInitializer.GLOBAL_MEAN)
                || param.equals(BatchNormalizationParamInitializer.GLOBAL_VAR)
                || param.equals(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
    }

    /**
     * The generator's loss for {@code generated} images and its gradient with respect to each of them, in DL4J's
     * convention (that of the mean loss times the number of images); the discriminator's weights do not move. With
     * feature matching, the target is the mean representation of {@code real} images (a constant: no gradient flows
     * into it), otherwise {@code -log D(G(z))}. Batch norm runs in training mode, each kind in its own pass, as in
     * the discriminator's step.
     */
    public Pair<Double, INDArray> generatorLoss(INDArray real, INDArray generated, boolean featureMatching) {
        long rows = generated.size(0);
        if (featureMatching) {
            INDArray target = features.output(real, true).mean(true, 0);
            INDArray labels = Nd4j.zeros(target.dataType(), rows, target.size(1)).addiRowVector(target);
            INDArray gradient = features.calculateGradients(generated, labels, null, null).getSecond();
            return new Pair<>(matching.last(), gradient);
        }
        long classes = network.getOutputLayer().getParam("W").size(1);
        // Labelled "real" (zeros): the generator wants its images taken for real ones.
        INDArray gradient = network.calculateGradients(generated, Nd4j.zeros(generated.dataType(), rows, classes), null, null)
                .getSecond();
        return new Pair<>(loss.last().real(), gradient);
    }
}
