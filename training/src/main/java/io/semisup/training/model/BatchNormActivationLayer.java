package io.semisup.training.model;

import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * The layer behind {@link BatchNormActivation}: DL4J's batch normalization layer (same parameters, same updates of
 * the running statistics, so everything that handles batch norm handles this one) with its forward and backward
 * passes replaced by {@link BatchNormKernel}, the activation included, for NCHW float input. Other data types
 * (double, in gradient checks) take DL4J's own batch norm and then the activation.
 */
public class BatchNormActivationLayer extends BatchNormalization {

    /** Working copies of the current layer's arrays: one layer of a network runs at a time on a thread. */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[2][0]);

    private final float slope;
    private float[] batchMean;
    private float[] batchVar;

    public BatchNormActivationLayer(NeuralNetConfiguration conf, DataType dataType, float slope) {
        super(conf, dataType);
        this.slope = slope;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        if (input.dataType() != DataType.FLOAT) {
            return layerConf().getActivationFn().getActivation(super.activate(training, workspaceMgr), training);
        }
        INDArray x = checked(input);
        BatchNormKernel.Shape shape = shape(x);
        float[] values = copy(x, 0);
        float[] gamma = param(BatchNormalizationParamInitializer.GAMMA);
        float[] beta = param(BatchNormalizationParamInitializer.BETA);
        double eps = layerConf().getEps();
        if (training) {
            batchMean = new float[shape.channels()];
            batchVar = new float[shape.channels()];
            BatchNormKernel.forwardTraining(values, shape, gamma, beta, eps, slope, batchMean, batchVar);
        } else {
            batchMean = null;
            BatchNormKernel.forwardInference(values, shape, gamma, beta, eps, slope,
                    param(BatchNormalizationParamInitializer.GLOBAL_MEAN), runningVariance());
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, x.shape(), 'c');
        write(values, out);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (input.dataType() != DataType.FLOAT) {
            INDArray preActivation = super.activate(true, workspaceMgr);
            INDArray dy = layerConf().getActivationFn().backprop(preActivation, epsilon.dup()).getFirst();
            return super.backpropGradient(dy, workspaceMgr);
        }
        if (batchMean == null) {
            throw new IllegalStateException("layer " + layerId() + ": backpropagation without a training forward pass");
        }
        INDArray x = checked(input);
        BatchNormKernel.Shape shape = shape(x);
        float[] values = copy(x, 0);
        float[] grad = copy(checked(epsilon), 1);
        float[] dGamma = new float[shape.channels()];
        float[] dBeta = new float[shape.channels()];
        BatchNormKernel.backward(values, grad, shape, param(BatchNormalizationParamInitializer.GAMMA),
                param(BatchNormalizationParamInitializer.BETA), layerConf().getEps(), slope, batchMean, batchVar,
                dGamma, dBeta);
        INDArray next = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, x.shape(), 'c');
        write(grad, next);

        Gradient gradient = new DefaultGradient();
        set(gradient, BatchNormalizationParamInitializer.GAMMA, dGamma);
        set(gradient, BatchNormalizationParamInitializer.BETA, dBeta);
        runningStatisticUpdates(gradient);
        return new Pair<>(gradient, next);
    }

    /**
     * The running mean and variance move toward the batch's as in DL4J's own layer: as a "gradient" that the
     * no-op updater subtracts as it is, {@code (1 - decay) (running - batch)} (for the log10 of the standard
     * deviation, the difference of logarithms that gives the same variance).
     */
    private void runningStatisticUpdates(Gradient gradient) {
        double decay = layerConf().getDecay();
        float[] mean = param(BatchNormalizationParamInitializer.GLOBAL_MEAN);
        float[] dMean = new float[mean.length];
        for (int c = 0; c < mean.length; c++) {
            dMean[c] = (float) ((1 - decay) * (mean[c] - batchMean[c]));
        }
        set(gradient, BatchNormalizationParamInitializer.GLOBAL_MEAN, dMean);
        float[] var = runningVariance();
        float[] dVar = new float[var.length];
        for (int c = 0; c < var.length; c++) {
            double next = decay * var[c] + (1 - decay) * batchVar[c];
            dVar[c] = layerConf().isUseLogStd()
                    ? (float) (Math.log10(var[c] / next) / 2)
                    : (float) (var[c] - next);
        }
        set(gradient, layerConf().isUseLogStd() ? BatchNormalizationParamInitializer.GLOBAL_LOG_STD
                : BatchNormalizationParamInitializer.GLOBAL_VAR, dVar);
    }

    private float[] runningVariance() {
        if (!layerConf().isUseLogStd()) {
            return param(BatchNormalizationParamInitializer.GLOBAL_VAR);
        }
        float[] log10Std = param(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
        float[] var = new float[log10Std.length];
        for (int c = 0; c < var.length; c++) {
            var[c] = (float) Math.pow(10, 2 * log10Std[c]);
        }
        return var;
    }

    private void set(Gradient gradient, String param, float[] values) {
        INDArray view = gradientViews.get(param);
        view.assign(Nd4j.createFromArray(values).reshape(view.shape()));
        gradient.setGradientFor(param, view);
    }

    private float[] param(String name) {
        return getParam(name).toFloatVector();
    }

    private INDArray checked(INDArray array) {
        if (array.rank() != 4) {
            throw new IllegalStateException("layer " + layerId() + ": expects NCHW feature maps, got shape "
                    + Arrays.toString(array.shape()));
        }
        return array.isView() || array.ordering() != 'c' || array.data().offset() != 0 ? array.dup('c') : array;
    }

    private static BatchNormKernel.Shape shape(INDArray x) {
        return new BatchNormKernel.Shape((int) x.size(0), (int) x.size(1), (int) (x.size(2) * x.size(3)));
    }

    /** The array's values in this thread's working copy number {@code slot}. */
    private static float[] copy(INDArray array, int slot) {
        int length = (int) array.length();
        float[][] scratch = SCRATCH.get();
        if (scratch[slot].length < length) {
            scratch[slot] = new float[length];
        }
        new FloatPointer(array.data().addressPointer()).get(scratch[slot], 0, length);
        return scratch[slot];
    }

    private static void write(float[] values, INDArray target) {
        new FloatPointer(target.data().addressPointer()).put(values, 0, (int) target.length());
    }
}
