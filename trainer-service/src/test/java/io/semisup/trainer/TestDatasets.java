package io.semisup.trainer;

import io.semisup.contracts.dataset.ManifestImage;
import io.semisup.contracts.dataset.Split;
import io.semisup.contracts.dataset.VersionManifest;
import io.semisup.contracts.messaging.MessageCodec;
import io.semisup.contracts.storage.StorageLayout;
import io.semisup.storage.ObjectStore;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a small generated dataset version straight into object storage, as the dataset-service would have left it:
 * two classes that differ in colour (reddish, bluish noise), so a few epochs learn them.
 */
public final class TestDatasets {

    public static final List<String> CLASSES = List.of("blue", "red");

    private TestDatasets() {
    }

    /** {@link #put}, unless an earlier test of the same run already did (the test classes share one S3 server). */
    public static void ensure(ObjectStore store, String datasetId) {
        if (store.size(StorageLayout.DATASETS_BUCKET, StorageLayout.datasetRecord(datasetId)).isEmpty()) {
            put(store, datasetId);
        }
    }

    /** Dataset {@code datasetId} with version {@code v1}: 8 labelled images per class, 16 unlabelled, 4 validation per class. */
    public static VersionManifest put(ObjectStore store, String datasetId) {
        Random random = new Random(datasetId.hashCode());
        List<ManifestImage> images = new ArrayList<>();
        Map<Split, Long> counts = new EnumMap<>(Split.class);
        for (int c = 0; c < CLASSES.size(); c++) {
            for (int i = 0; i < 8; i++) {
                images.add(image(store, datasetId, Split.LABELED, CLASSES.get(c), c, random));
            }
            for (int i = 0; i < 4; i++) {
                images.add(image(store, datasetId, Split.VALIDATION, CLASSES.get(c), c, random));
            }
            for (int i = 0; i < 8; i++) {
                images.add(image(store, datasetId, Split.UNLABELED, null, c, random));
            }
        }
        images.forEach(i -> counts.merge(i.split(), 1L, Long::sum));
        VersionManifest manifest = new VersionManifest(VersionManifest.SCHEMA_VERSION, datasetId, "v1", Instant.now(),
                CLASSES, counts, counts.get(Split.LABELED), images);
        try {
            store.put(StorageLayout.DATASETS_BUCKET, StorageLayout.datasetRecord(datasetId),
                    MessageCodec.mapper().writeValueAsBytes(Map.of("id", datasetId, "name", datasetId, "classes", CLASSES)),
                    "application/json");
            store.put(StorageLayout.DATASETS_BUCKET, StorageLayout.versionManifest(datasetId, "v1"),
                    MessageCodec.mapper().writeValueAsBytes(manifest), "application/json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return manifest;
    }

    private static ManifestImage image(ObjectStore store, String datasetId, Split split, String className, int colour,
                                       Random random) {
        BufferedImage image = new BufferedImage(24, 24, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 24; x++) {
                int strong = 160 + random.nextInt(96);
                int weak = random.nextInt(96);
                int g = random.nextInt(128);
                image.setRGB(x, y, colour == 1 ? (strong << 16) | (g << 8) | weak : (weak << 16) | (g << 8) | strong);
            }
        }
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            byte[] bytes = png.toByteArray();
            String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            store.put(StorageLayout.DATASETS_BUCKET, StorageLayout.image(datasetId, id), bytes, "image/png");
            return new ManifestImage(id, split, className, bytes.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
