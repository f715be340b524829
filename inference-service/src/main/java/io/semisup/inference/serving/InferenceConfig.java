package io.semisup.inference.serving;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How models are run and requests batched ({@code semisup.inference.*}). */
@ConfigMapping(prefix = "semisup.inference")
public interface InferenceConfig {

    /**
     * ONNX Runtime intra-op threads of each call; 0 lets ONNX Runtime choose (one per core). One by default: on a CPU,
     * calls in parallel ({@link #parallelCalls()}) use the cores without handing each layer's work between threads.
     */
    @WithDefault("1")
    int threads();

    /**
     * ONNX Runtime calls that run at once, each on its own micro-batcher thread taking the next batch. 0: chosen per
     * model on the CPU when it loads — one for a model whose image takes at most {@link #singleCallMaxMicros()}
     * (decoding and HTTP then cost about as much as the network: the other cores serve them), one per core for
     * costlier models; one on a GPU.
     */
    @WithDefault("0")
    int parallelCalls();

    /** With {@code parallel-calls=0}: the cost of one image, in microseconds, up to which a model gets one call. */
    @WithDefault("500")
    long singleCallMaxMicros();

    /** auto: CUDA when the GPU build runs on a machine with a GPU, else CPU; cpu: always CPU. */
    @WithDefault("auto")
    String provider();

    /** Most images in one ONNX Runtime call. */
    @WithDefault("32")
    int maxBatch();

    /**
     * How long the first request of a batch waits for others to join, in milliseconds. 0: no waiting, a batch is what
     * queued while the previous one ran (on 2 cores, 2 ms of waiting cost every lone request 2 ms and gained nothing).
     */
    @WithDefault("0")
    int maxWaitMillis();

    /** Largest image accepted, in bytes. */
    @WithDefault("10485760")
    long maxImageBytes();

    /** Most pixels an image may have (width x height, read from its header before decoding). */
    @WithDefault("40000000")
    long maxImagePixels();

    /**
     * Images of at most this many pixels are decoded on the HTTP event loop that received them, larger ones on a
     * worker thread (a handoff costs about as much as decoding a small image; a photo would stall the event loop).
     */
    @WithDefault("65536")
    long inlineMaxPixels();

    /** Labels returned when a request does not say. */
    @WithDefault("5")
    int defaultTopK();
}
