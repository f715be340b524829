package io.semisup.inference.classify;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.semisup.inference.serving.ActiveModel;
import io.semisup.inference.serving.InferenceConfig;
import io.semisup.inference.serving.ModelMetadata;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.ServiceUnavailableException;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;

/** One image in, the active model's top-k labels out: preprocessing here, the network run by the micro-batcher. */
@ApplicationScoped
public class Classifier {

    private final ActiveModel active;
    private final MicroBatcher batcher;
    private final InferenceConfig config;
    private final MeterRegistry registry;
    private final Timer latency;

    public Classifier(ActiveModel active, MicroBatcher batcher, InferenceConfig config, MeterRegistry registry) {
        this.active = active;
        this.batcher = batcher;
        this.config = config;
        this.registry = registry;
        this.latency = Timer.builder("semisup.inference.classify").description("one image: preprocessing and model")
                .publishPercentileHistogram().register(registry);
    }

    /**
     * Answers when the micro-batcher has run the image; no thread waits for it. Small images (what a client that
     * knows the model sends) are decoded on the calling thread, the HTTP event loop: each handoff between threads
     * costs as much as decoding a 32x32 JPEG. Larger ones are decoded on a worker thread, so that no event loop
     * stalls on a photo.
     *
     * @throws ClientErrorException 400/413/415 for bad input, ServiceUnavailableException (503) with no model;
     *         thrown, or as the stage's failure
     */
    public CompletionStage<Prediction> classify(byte[] image, Integer k) {
        Timer.Sample sample = Timer.start(registry);
        checkSize(image.length);
        ActiveModel.Lease lease = active.lease().orElseThrow(() -> new ServiceUnavailableException(
                "no model is active yet: train one, or wait until the newest announced model has loaded"));
        ModelMetadata model = lease.model().metadata();
        CompletableFuture<float[]> tensor;
        try {
            ImagePreprocessor.Header header = ImagePreprocessor.open(image, config.maxImagePixels());
            tensor = header.pixels() <= config.inlineMaxPixels()
                    ? CompletableFuture.completedFuture(header.toTensor(model))
                    : CompletableFuture.supplyAsync(() -> header.toTensor(model), Infrastructure.getDefaultWorkerPool());
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
        int top = k == null ? config.defaultTopK() : k;
        return tensor.whenComplete((t, failure) -> {
            if (failure != null) {
                lease.close();
            }
        }).thenCompose(t -> batcher.submit(lease, t)).thenApply(probabilities -> {
            registry.counter("semisup.inference.images", "model", model.modelId()).increment();
            sample.stop(latency);
            return top(model, probabilities, top);
        });
    }

    /** {@link #classify}, waiting for the answer: for callers already on a worker thread. */
    public Prediction classifyNow(byte[] image, Integer k) {
        try {
            return classify(image, k).toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    public byte[] readAtMost(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, config.maxImageBytes() + 1));
        checkSize(bytes.length);
        return bytes;
    }

    private void checkSize(long bytes) {
        if (bytes > config.maxImageBytes()) {
            throw new ClientErrorException("image is more than " + config.maxImageBytes() + " bytes, the limit",
                    ImagePreprocessor.TOO_LARGE);
        }
        if (bytes == 0) {
            throw new ClientErrorException("empty body: send the image's bytes", ImagePreprocessor.CORRUPT);
        }
    }

    private static Prediction top(ModelMetadata model, float[] probabilities, int k) {
        int count = Math.max(1, Math.min(k, probabilities.length));
        List<Prediction.Label> labels = new ArrayList<>(count);
        IntStream.range(0, probabilities.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> probabilities[i]).reversed())
                .limit(count)
                .forEach(i -> labels.add(new Prediction.Label(model.classes().get(i), probabilities[i])));
        return new Prediction(model.modelId(), labels);
    }
}
