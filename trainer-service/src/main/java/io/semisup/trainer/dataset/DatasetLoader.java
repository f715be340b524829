package io.semisup.trainer.dataset;

import io.semisup.contracts.dataset.ManifestImage;
import io.semisup.contracts.dataset.VersionManifest;
import io.semisup.contracts.storage.StorageLayout;
import io.semisup.storage.ObjectStore;
import io.semisup.training.data.ImageDataset;
import io.semisup.training.data.ImageDecoder;
import io.semisup.training.data.Sample;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** Reads every image of a dataset version from object storage and decodes it for training, several at a time. */
@ApplicationScoped
public class DatasetLoader {

    private final ObjectStore store;

    public DatasetLoader(ObjectStore store) {
        this.store = store;
    }

    /** @param loaded receives the count of images decoded so far */
    public ImageDataset load(VersionManifest manifest, int imageSize, int threads, IntConsumer loaded) {
        ImageDecoder decoder = new ImageDecoder(ImageDataset.cacheSide(imageSize));
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        AtomicInteger done = new AtomicInteger();
        try {
            List<Future<Sample>> samples = new ArrayList<>();
            for (ManifestImage image : manifest.images()) {
                samples.add(pool.submit(() -> {
                    Sample sample = decode(manifest, image, decoder);
                    loaded.accept(done.incrementAndGet());
                    return sample;
                }));
            }
            ImageDataset.Builder builder = ImageDataset.builder(manifest.classes());
            for (int i = 0; i < samples.size(); i++) {
                ManifestImage image = manifest.images().get(i);
                builder.add(image.split(), image.id(), samples.get(i).get());
            }
            return builder.build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading dataset " + manifest.datasetId(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
        } finally {
            pool.shutdownNow();
        }
    }

    private Sample decode(VersionManifest manifest, ManifestImage image, ImageDecoder decoder) {
        byte[] bytes = store.get(StorageLayout.DATASETS_BUCKET, StorageLayout.image(manifest.datasetId(), image.id()))
                .orElseThrow(() -> new IllegalStateException("dataset " + manifest.datasetId() + " version "
                        + manifest.version() + ": image " + image.id() + " is missing from object storage"));
        int label = Sample.UNLABELED;
        if (image.split().hasClass()) {
            label = manifest.classes().indexOf(image.className());
            if (label < 0) {
                throw new IllegalStateException("image " + image.id() + " has class " + image.className()
                        + ", not among " + manifest.classes());
            }
        }
        try {
            return new Sample(decoder.decode(new ByteArrayInputStream(bytes), image.id()), label);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode image " + image.id(), e);
        }
    }
}
