package io.semisup.dataset.image;

import io.semisup.contracts.dataset.Split;
import io.semisup.dataset.ClassNames;
import io.semisup.dataset.DatasetState;
import io.semisup.dataset.DatasetStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The one way an image enters a dataset, whether it came alone, in a batch or in an archive: check where it goes,
 * decode it, key it by content hash, store it once. Nothing is stored for an image that is refused.
 */
@ApplicationScoped
public class ImageIntake {

    private final ImageValidator validator;
    private final DatasetStore datasets;

    public ImageIntake(ImageValidator validator, DatasetStore datasets) {
        this.validator = validator;
        this.datasets = datasets;
    }

    /** Where an image goes: split and class are checked before its bytes are even looked at. */
    public static String checkPlacement(DatasetState dataset, Split split, String className) {
        if (split == null) {
            throw new BadRequestException("split is required: labeled, unlabeled, validation or test");
        }
        if (!split.hasClass()) {
            if (className != null && !className.isEmpty()) {
                throw new BadRequestException("unlabeled images have no class (got '" + className + "')");
            }
            return null;
        }
        if (className == null || className.isEmpty()) {
            throw new BadRequestException(split + " images need a class");
        }
        return ClassNames.check(className);
    }

    /**
     * @return the stored image, or the one the dataset already had with the same bytes
     * @throws ClientErrorException 400, 413, 415 or 422 with the reason
     */
    public Outcome ingest(DatasetState dataset, Split split, String className, String fileName, byte[] bytes) {
        String label = checkPlacement(dataset, split, className);
        ImageValidator.ValidImage image = validator.validate(bytes);
        String id = sha256(bytes);
        ImageEntry entry = new ImageEntry(id, split, label, bytes.length, image.format(), image.width(),
                image.height(), fileName, Instant.now());
        if (!dataset.reserve(id)) {
            // stored before, or being stored right now by a parallel upload of the same bytes
            return new Outcome(dataset.image(id).orElse(entry), true);
        }
        try {
            // An image removed from the dataset but kept for an old version is still stored.
            if (!dataset.isVersioned(id)) {
                datasets.putImage(dataset.id(), id, bytes, entry.contentType());
            }
            dataset.commit(entry);
            return new Outcome(entry, false);
        } catch (RuntimeException e) {
            dataset.release(id);
            throw e;
        }
    }

    /** Undoes {@link #ingest} for an image that must not stay (an archive refused as a whole). */
    public void rollback(DatasetState dataset, String imageId) {
        dataset.remove(imageId);
        if (!dataset.isVersioned(imageId)) {
            datasets.deleteImageObject(dataset.id(), imageId);
        }
    }

    public record Outcome(ImageEntry image, boolean duplicate) {
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
