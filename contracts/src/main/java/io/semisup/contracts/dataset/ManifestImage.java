package io.semisup.contracts.dataset;

/**
 * One image of a dataset version.
 *
 * @param id        content hash (SHA-256, hex); the object is {@code datasets/{datasetId}/images/{id}}
 * @param className null for unlabelled images
 */
public record ManifestImage(String id, Split split, String className, long bytes) {
}
