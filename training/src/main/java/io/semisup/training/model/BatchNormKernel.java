package io.semisup.training.model;

import java.util.stream.IntStream;

/**
 * The arithmetic of {@link BatchNormActivationLayer} on plain float arrays in NCHW order: batch normalization per
 * channel followed by a piecewise-linear activation {@code f(y) = y > 0 ? y : slope * y} (slope 1: identity, 0: ReLU,
 * 0.1: leaky ReLU). Channels are independent, so they are spread over the common fork-join pool. Sums run in float
 * along one row of a feature map (at most a few thousand values) and in double across rows.
 *
 * <p>Why by hand: DL4J runs batch norm and its activation as separate layers, each a few passes over memory through
 * general kernels (variance by a strided reduction, leaky ReLU as a scalar op); that was 45% of a ConvNet training
 * step. Here the forward pass is three passes (mean, variance, output) and the backward pass two, and the
 * activation's derivative comes from recomputing {@code y} rather than from a stored copy.
 */
final class BatchNormKernel {

    private BatchNormKernel() {
    }

    /** The shape of an NCHW batch: {@code rows} images, {@code channels} maps of {@code area} values each. */
    record Shape(int rows, int channels, int area) {
        int count() {
            return rows * area;
        }

        int offset(int row, int channel) {
            return (row * channels + channel) * area;
        }
    }

    /**
     * Training mode: normalizes {@code x} with its own per-channel mean and (biased) variance, writes the activated
     * output over {@code x}, and returns the statistics in {@code mean} and {@code var}.
     */
    static void forwardTraining(float[] x, Shape s, float[] gamma, float[] beta, double eps, float slope,
                                float[] mean, float[] var) {
        IntStream.range(0, s.channels()).parallel().forEach(c -> {
            double sum = 0;
            for (int n = 0; n < s.rows(); n++) {
                sum += sum(x, s.offset(n, c), s.area());
            }
            float mu = (float) (sum / s.count());
            double squares = 0;
            for (int n = 0; n < s.rows(); n++) {
                squares += squaredDeviations(x, s.offset(n, c), s.area(), mu);
            }
            mean[c] = mu;
            var[c] = (float) (squares / s.count());
            normalize(x, s, c, gamma[c], beta[c], mu, var[c], eps, slope);
        });
    }

    /** Inference mode: normalizes with the running statistics, writing the activated output over {@code x}. */
    static void forwardInference(float[] x, Shape s, float[] gamma, float[] beta, double eps, float slope,
                                 float[] mean, float[] var) {
        IntStream.range(0, s.channels()).parallel()
                .forEach(c -> normalize(x, s, c, gamma[c], beta[c], mean[c], var[c], eps, slope));
    }

    /**
     * Training-mode gradients, given the forward pass's input {@code x} and batch statistics: writes dL/dx over
     * {@code grad} (which holds dL/d output on entry) and fills dL/dγ and dL/dβ. Two passes: dL/dy with the sums
     * that the batch statistics' gradient needs, then dL/dx.
     */
    static void backward(float[] x, float[] grad, Shape s, float[] gamma, float[] beta, double eps, float slope,
                         float[] mean, float[] var, float[] dGamma, float[] dBeta) {
        IntStream.range(0, s.channels()).parallel().forEach(c -> {
            float invStd = (float) (1 / Math.sqrt(var[c] + eps));
            float mu = mean[c];
            double sumDy = 0;
            double sumDyXhat = 0;
            for (int n = 0; n < s.rows(); n++) {
                int o = s.offset(n, c);
                activationGradient(x, grad, o, s.area(), gamma[c] * invStd, beta[c] - mu * gamma[c] * invStd, slope);
                sumDy += sum(grad, o, s.area());
                sumDyXhat += dot(grad, x, o, s.area(), mu);
            }
            sumDyXhat *= invStd;
            dBeta[c] = (float) sumDy;
            dGamma[c] = (float) sumDyXhat;
            float scale = gamma[c] * invStd;
            float meanDy = (float) (sumDy / s.count());
            float meanDyXhat = (float) (sumDyXhat / s.count());
            for (int n = 0; n < s.rows(); n++) {
                int o = s.offset(n, c);
                for (int i = o; i < o + s.area(); i++) {
                    float xhat = (x[i] - mu) * invStd;
                    grad[i] = scale * (grad[i] - meanDy - xhat * meanDyXhat);
                }
            }
        });
    }

    /**
     * dL/dy over dL/d output for one row: the output's slope is 1 where {@code y = scale x + shift} is positive,
     * {@code slope} elsewhere, read from y's sign bit rather than by a branch that the sign of the data would make
     * unpredictable.
     */
    private static void activationGradient(float[] x, float[] grad, int from, int length, float scale, float shift,
                                           float slope) {
        float below = 1 - slope;
        for (int i = from; i < from + length; i++) {
            int negative = Float.floatToRawIntBits(x[i] * scale + shift) >>> 31;
            grad[i] *= 1 - below * negative;
        }
    }

    private static void normalize(float[] x, Shape s, int c, float gamma, float beta, float mean, float var,
                                  double eps, float slope) {
        float scale = (float) (gamma / Math.sqrt(var + eps));
        float shift = beta - mean * scale;
        for (int n = 0; n < s.rows(); n++) {
            int o = s.offset(n, c);
            for (int i = o; i < o + s.area(); i++) {
                float y = x[i] * scale + shift;
                x[i] = Math.max(y, 0f) + slope * Math.min(y, 0f);
            }
        }
    }

    /** Four independent partial sums, so the additions overlap instead of waiting on each other. */
    private static double sum(float[] x, int from, int length) {
        float a = 0;
        float b = 0;
        float c = 0;
        float d = 0;
        int i = from;
        int end = from + length;
        for (; i + 3 < end; i += 4) {
            a += x[i];
            b += x[i + 1];
            c += x[i + 2];
            d += x[i + 3];
        }
        for (; i < end; i++) {
            a += x[i];
        }
        return (double) a + b + c + d;
    }

    private static double squaredDeviations(float[] x, int from, int length, float mean) {
        float a = 0;
        float b = 0;
        float c = 0;
        float d = 0;
        int i = from;
        int end = from + length;
        for (; i + 3 < end; i += 4) {
            float p = x[i] - mean;
            float q = x[i + 1] - mean;
            float r = x[i + 2] - mean;
            float t = x[i + 3] - mean;
            a += p * p;
            b += q * q;
            c += r * r;
            d += t * t;
        }
        for (; i < end; i++) {
            float p = x[i] - mean;
            a += p * p;
        }
        return (double) a + b + c + d;
    }

    /** Σ a[i] (b[i] - shift) over a row, with four partial sums as in {@link #sum}. */
    private static double dot(float[] a, float[] b, int from, int length, float shift) {
        float p = 0;
        float q = 0;
        float r = 0;
        float t = 0;
        int i = from;
        int end = from + length;
        for (; i + 3 < end; i += 4) {
            p += a[i] * (b[i] - shift);
            q += a[i + 1] * (b[i + 1] - shift);
            r += a[i + 2] * (b[i + 2] - shift);
            t += a[i + 3] * (b[i + 3] - shift);
        }
        for (; i < end; i++) {
            p += a[i] * (b[i] - shift);
        }
        return (double) p + q + r + t;
    }
}
