package io.semisup.training.export;

import io.semisup.training.model.BatchNormActivation;
import onnx.Onnx;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Deeplearning4j 1.0.0-M2.1 has no ONNX exporter, so this is ours: a trained classifier graph (single image input,
 * single softmax output) to an ONNX model (opset 13) with input {@code image} as float NCHW {@code [N,3,H,W]} and
 * output {@code probabilities} {@code [N,K]}.
 *
 * <p>Translated: convolutions (batch norm that directly follows one is folded into its weights and bias),
 * depthwise convolutions (as grouped Conv), batch norm elsewhere, activation layers and layer activations (ReLU, ReLU6
 * as Clip, leaky ReLU, tanh, sigmoid, softmax), max pooling, global pooling, dense and output layers (as Gemm). DL4J's "Same"
 * padding becomes explicit pads with the odd row/column at the end, as DL4J does it. Anything else is refused with
 * an {@link ExportException} naming the layer. {@code OnnxExportParityTest} compares ONNX Runtime with DL4J.
 */
public final class OnnxExporter {

    public static final int OPSET = 13;

    private OnnxExporter() {
    }

    public static byte[] export(ComputationGraph network, ModelCard card) {
        return new Translation(network).run(card).toByteArray();
    }

    /** {ONNX pads (begin h, begin w, end h, end w), output size} of a convolution or pooling window over {@code in}. */
    static long[][] window(String name, long[] in, long[] kernel, long[] strides, ConvolutionMode mode, int[] padding) {
        if (in == null) {
            throw new ExportException("layer '" + name + "': a convolution or pooling layer needs an image-shaped input");
        }
        long[] pads = new long[4];
        long[] size = new long[2];
        for (int d = 0; d < 2; d++) {
            if (mode == ConvolutionMode.Same) {
                size[d] = (in[d] + strides[d] - 1) / strides[d];
                long total = Math.max(0, (size[d] - 1) * strides[d] + kernel[d] - in[d]);
                pads[d] = total / 2;
                pads[d + 2] = total - total / 2;
            } else {
                pads[d] = pads[d + 2] = padding[d];
                size[d] = (in[d] + 2L * pads[d] - kernel[d]) / strides[d] + 1;
            }
        }
        return new long[][]{pads, size};
    }

    /** One export: walks the graph in topological order, keeping each DL4J vertex's ONNX tensor and spatial size. */
    private static final class Translation {
        private final ComputationGraph network;
        private final OnnxGraph onnx = new OnnxGraph("semisup-classifier");
        private final Map<String, String> tensor = new HashMap<>();
        private final Map<String, long[]> spatial = new HashMap<>();
        /** Convolutions whose weights may still absorb a following batch norm: DL4J vertex → pending conv. */
        private final Map<String, PendingConv> pending = new HashMap<>();

        Translation(ComputationGraph network) {
            this.network = network;
        }

        Onnx.ModelProto run(ModelCard card) {
            var conf = network.getConfiguration();
            if (conf.getNetworkInputs().size() != 1 || conf.getNetworkOutputs().size() != 1) {
                throw new ExportException("only single-input, single-output classifiers can be exported, got inputs "
                        + conf.getNetworkInputs() + " and outputs " + conf.getNetworkOutputs());
            }
            String input = conf.getNetworkInputs().get(0);
            long side = card.imageSize();
            onnx.input(ModelCard.INPUT, null, 3L, side, side);
            tensor.put(input, ModelCard.INPUT);
            spatial.put(input, new long[]{side, side});

            for (String name : conf.getTopologicalOrderStr()) {
                if (name.equals(input)) {
                    continue;
                }
                GraphVertex vertex = conf.getVertices().get(name);
                if (!(vertex instanceof LayerVertex layerVertex)) {
                    throw new ExportException("vertex '" + name + "' (" + vertex.getClass().getSimpleName() + ") is not supported");
                }
                List<String> inputs = conf.getVertexInputs().get(name);
                if (inputs.size() != 1) {
                    throw new ExportException("layer '" + name + "' has " + inputs.size() + " inputs; only chains are supported");
                }
                Layer layer = layerVertex.getLayerConf().getLayer();
                if (layer instanceof FrozenLayer frozen) {
                    layer = frozen.getLayer();
                }
                translate(name, layer, inputs.get(0));
            }
            String last = flush(conf.getNetworkOutputs().get(0));
            onnx.node("Identity", List.of(last));
            Onnx.GraphProto.Builder graph = onnx.build().toBuilder();
            // Rename the Identity's output to the public name.
            int lastNode = graph.getNodeCount() - 1;
            graph.setNode(lastNode, graph.getNode(lastNode).toBuilder().setOutput(0, ModelCard.OUTPUT));
            long classes = network.getOutputLayer(0).getParam("W").size(1);
            graph.addOutput(Onnx.ValueInfoProto.newBuilder().setName(ModelCard.OUTPUT)
                    .setType(Onnx.TypeProto.newBuilder().setTensorType(Onnx.TypeProto.Tensor.newBuilder()
                            .setElemType(Onnx.TensorProto.DataType.FLOAT_VALUE)
                            .setShape(Onnx.TensorShapeProto.newBuilder()
                                    .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                                    .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(classes))))));
            Onnx.ModelProto.Builder model = Onnx.ModelProto.newBuilder().setIrVersion(7).setProducerName("semisup")
                    .setProducerVersion("1").setGraph(graph)
                    .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET));
            card.metadata().forEach((k, v) -> model.addMetadataProps(
                    Onnx.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
            return model.build();
        }

        private void translate(String name, Layer layer, String from) {
            if (layer instanceof BatchNormalization bn && pending.containsKey(from) && consumers(from) == 1) {
                pending.get(from).fold(network.getLayer(name).paramTable(), bn);
                pending.put(name, pending.remove(from));
                spatial.put(name, spatial.get(from));
                return;
            }
            String x = flush(from);
            long[] size = spatial.get(from);
            if (layer instanceof ConvolutionLayer conv) { // DepthwiseConvolution2D is one too
                PendingConv p = PendingConv.of(name, conv, network.getLayer(name).paramTable(), x, size);
                pending.put(name, p);
                spatial.put(name, p.outputSize());
                return;
            }
            String y;
            if (layer instanceof BatchNormalization bn) {
                Map<String, INDArray> params = network.getLayer(name).paramTable();
                INDArray var = variance(params);
                y = onnx.node("BatchNormalization", List.of(x, onnx.initializer(name + "_gamma", flat(params.get("gamma"))),
                        onnx.initializer(name + "_beta", flat(params.get("beta"))),
                        onnx.initializer(name + "_mean", flat(params.get("mean"))), onnx.initializer(name + "_var", var)),
                        OnnxGraph.real("epsilon", (float) bn.getEps()));
                if (bn instanceof BatchNormActivation fused) {
                    y = activation(name, fused.getActivationFn(), y);
                }
            } else if (layer instanceof ActivationLayer act) {
                y = activation(name, act.getActivationFn(), x);
            } else if (layer instanceof GlobalPoolingLayer pool) {
                String op = switch (pool.getPoolingType()) {
                    case AVG -> "GlobalAveragePool";
                    case MAX -> "GlobalMaxPool";
                    default -> throw new ExportException("layer '" + name + "': pooling " + pool.getPoolingType()
                            + " is not supported (AVG, MAX are)");
                };
                y = onnx.node("Flatten", List.of(onnx.node(op, List.of(x))), OnnxGraph.integer("axis", 1));
                size = null;
            } else if (layer instanceof SubsamplingLayer pool) {
                if (pool.getPoolingType() != PoolingType.MAX) {
                    // DL4J and ONNX count padding differently in an average: only max pooling has a tested translation.
                    throw new ExportException("layer '" + name + "': pooling " + pool.getPoolingType()
                            + " is not supported (MAX is)");
                }
                long[] kernel = {pool.getKernelSize()[0], pool.getKernelSize()[1]};
                long[] strides = {pool.getStride()[0], pool.getStride()[1]};
                long[][] window = window(name, size, kernel, strides, pool.getConvolutionMode(), pool.getPadding());
                y = onnx.node("MaxPool", List.of(x), OnnxGraph.ints("kernel_shape", kernel), OnnxGraph.ints("strides", strides),
                        OnnxGraph.ints("pads", window[0]));
                size = window[1];
            } else if (layer instanceof DenseLayer || layer instanceof OutputLayer) {
                Map<String, INDArray> params = network.getLayer(name).paramTable();
                List<String> gemmInputs = new ArrayList<>(List.of(x, onnx.initializer(name + "_W", params.get("W"))));
                if (params.containsKey("b")) {
                    gemmInputs.add(onnx.initializer(name + "_b", flat(params.get("b"))));
                }
                y = activation(name, ((BaseLayer) layer).getActivationFn(), onnx.node("Gemm", gemmInputs));
            } else {
                throw new ExportException("layer '" + name + "' (" + layer.getClass().getSimpleName()
                        + ") has no ONNX translation");
            }
            tensor.put(name, y);
            spatial.put(name, size);
        }

        /** The ONNX tensor of a DL4J vertex, emitting a pending convolution (with its activation) first. */
        private String flush(String vertex) {
            PendingConv p = pending.remove(vertex);
            if (p != null) {
                String conv = p.emit(onnx);
                tensor.put(vertex, activation(vertex, p.activation(), conv));
            }
            return tensor.get(vertex);
        }

        private String activation(String name, IActivation fn, String x) {
            if (fn == null || fn instanceof ActivationIdentity) {
                return x;
            }
            if (fn instanceof ActivationReLU) {
                return onnx.node("Relu", List.of(x));
            }
            if (fn instanceof ActivationReLU6) {
                return onnx.node("Clip", List.of(x, onnx.initializer("zero", Nd4j.scalar(0f)),
                        onnx.initializer("six", Nd4j.scalar(6f))));
            }
            if (fn instanceof ActivationLReLU leaky) {
                return onnx.node("LeakyRelu", List.of(x), OnnxGraph.real("alpha", (float) leaky.getAlpha()));
            }
            if (fn instanceof ActivationTanH) {
                return onnx.node("Tanh", List.of(x));
            }
            if (fn instanceof ActivationSigmoid) {
                return onnx.node("Sigmoid", List.of(x));
            }
            if (fn instanceof ActivationSoftmax) {
                return onnx.node("Softmax", List.of(x), OnnxGraph.integer("axis", 1));
            }
            throw new ExportException("layer '" + name + "': activation " + fn + " has no ONNX translation");
        }

        private int consumers(String vertex) {
            int n = 0;
            for (List<String> inputs : network.getConfiguration().getVertexInputs().values()) {
                n += (int) inputs.stream().filter(vertex::equals).count();
            }
            return n + (network.getConfiguration().getNetworkOutputs().contains(vertex) ? 1 : 0);
        }
    }

    /** Inference-time variance of a DL4J batch norm, which may store log10 of the standard deviation instead. */
    static INDArray variance(Map<String, INDArray> params) {
        if (params.containsKey("var")) {
            return flat(params.get("var"));
        }
        INDArray std = Transforms.pow(Nd4j.valueArrayOf(params.get("log10stdev").shape(), 10.0, DataType.FLOAT),
                params.get("log10stdev").castTo(DataType.FLOAT), false);
        return flat(std.mul(std));
    }

    static INDArray flat(INDArray a) {
        return a.castTo(DataType.FLOAT).reshape(a.length());
    }

    /** A convolution not yet written, so that a following batch norm can be folded into it. */
    private static final class PendingConv {
        private final String name;
        private final String input;
        private INDArray weights; // ONNX layout [out, in/groups, kh, kw]
        private INDArray bias;    // [out]
        private final long groups;
        private final long[] strides;
        private final long[] pads;
        private final long[] outputSize;
        private final long[] kernel;
        private IActivation activation;

        private PendingConv(String name, String input, INDArray weights, INDArray bias, long groups, long[] kernel,
                            long[] strides, long[] pads, long[] outputSize, IActivation activation) {
            this.name = name;
            this.input = input;
            this.weights = weights;
            this.bias = bias;
            this.groups = groups;
            this.kernel = kernel;
            this.strides = strides;
            this.pads = pads;
            this.outputSize = outputSize;
            this.activation = activation;
        }

        static PendingConv of(String name, ConvolutionLayer conv, Map<String, INDArray> params, String input, long[] in) {
            if (conv.getDilation()[0] != 1 || conv.getDilation()[1] != 1) {
                throw new ExportException("layer '" + name + "': dilated convolutions are not supported");
            }
            INDArray w = params.get("W").castTo(DataType.FLOAT);
            long groups = 1;
            INDArray onnxWeights;
            if (conv instanceof DepthwiseConvolution2D) {
                // DL4J [kh, kw, in, multiplier] → ONNX grouped conv [in * multiplier, 1, kh, kw]
                long channels = w.size(2);
                onnxWeights = w.permute(2, 3, 0, 1).dup('c').reshape('c', channels * w.size(3), 1, w.size(0), w.size(1));
                groups = channels;
            } else {
                onnxWeights = w.dup('c'); // DL4J [out, in, kh, kw], as ONNX
            }
            long out = onnxWeights.size(0);
            INDArray bias = params.containsKey("b") ? flat(params.get("b")).dup() : Nd4j.zeros(DataType.FLOAT, out);
            long[] kernel = {conv.getKernelSize()[0], conv.getKernelSize()[1]};
            long[] strides = {conv.getStride()[0], conv.getStride()[1]};
            long[][] window = window(name, in, kernel, strides, conv.getConvolutionMode(), conv.getPadding());
            return new PendingConv(name, input, onnxWeights, bias, groups, kernel, strides, window[0], window[1],
                    conv.getActivationFn());
        }

        long[] outputSize() {
            return outputSize;
        }

        IActivation activation() {
            return activation;
        }

        /** y = γ (conv(x) + b - μ) / √(σ² + ε) + β, folded into the convolution's weights and bias. */
        void fold(Map<String, INDArray> bn, BatchNormalization conf) {
            if (!(activation == null || activation instanceof ActivationIdentity)) {
                throw new ExportException("layer '" + name + "': batch norm after a non-linear convolution cannot be folded");
            }
            INDArray scale = flat(bn.get("gamma")).div(Transforms.sqrt(variance(bn).add(conf.getEps()), false));
            weights = weights.mul(scale.reshape(scale.length(), 1, 1, 1));
            bias = bias.sub(flat(bn.get("mean"))).muli(scale).addi(flat(bn.get("beta")));
            // DL4J's own batch norm ignores a configured activation; the fused layer applies it after the fold.
            activation = conf instanceof BatchNormActivation fused ? fused.getActivationFn() : null;
        }

        String emit(OnnxGraph onnx) {
            return onnx.node("Conv", List.of(input, onnx.initializer(name + "_W", weights), onnx.initializer(name + "_b", bias)),
                    OnnxGraph.ints("kernel_shape", kernel), OnnxGraph.ints("strides", strides),
                    OnnxGraph.ints("pads", pads), OnnxGraph.integer("group", groups));
        }
    }
}
