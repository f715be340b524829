package io.semisup.inference.serving;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.FloatBuffer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loaded model: an ONNX Runtime session and its metadata. Requests hold a lease while they use it; after a swap
 * the session closes when its last lease is returned, so requests in flight finish on the model they started with.
 */
public final class OnnxModel {

    private final OrtSession session;
    private final ModelMetadata metadata;
    private final String provider;
    private final int threads;
    private volatile int parallelCalls = 1;
    private final AtomicInteger leases = new AtomicInteger(1); // the active slot holds one
    private volatile boolean closed;

    OnnxModel(OrtSession session, ModelMetadata metadata, String provider, int threads) {
        this.session = session;
        this.metadata = metadata;
        this.provider = provider;
        this.threads = threads;
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    /** "CPU" or "CUDA": the execution provider the session runs on. */
    public String provider() {
        return provider;
    }

    /** ONNX Runtime intra-op threads of the session; 0: ONNX Runtime's choice, one per core. */
    public int threads() {
        return threads;
    }

    /** How many calls of this model may run at once (the loader sets it from the model's cost). */
    public int parallelCalls() {
        return parallelCalls;
    }

    void parallelCalls(int calls) {
        this.parallelCalls = Math.max(1, calls);
    }

    /** Class probabilities for {@code count} preprocessed images laid out NCHW one after the other. */
    public float[][] run(float[] images, int count) {
        int side = metadata.inputSize();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(images, 0, count * 3 * side * side),
                new long[]{count, 3, side, side});
             OrtSession.Result result = session.run(Map.of(metadata.input(), input))) {
            return (float[][]) result.get(metadata.output())
                    .orElseThrow(() -> new InvalidModelException("model has no output " + metadata.output()))
                    .getValue();
        } catch (OrtException e) {
            throw new InvalidModelException("model " + metadata.modelId() + " failed to run: " + e.getMessage(), e);
        }
    }

    /** Takes a lease; false if the model is already retired. */
    boolean acquire() {
        while (true) {
            int n = leases.get();
            if (n == 0) {
                return false;
            }
            if (leases.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    void release() {
        if (leases.decrementAndGet() == 0) {
            close();
        }
    }

    private synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                session.close();
            } catch (OrtException e) {
                // Closing frees native memory; nothing useful to do if it reports a problem.
            }
        }
    }
}
