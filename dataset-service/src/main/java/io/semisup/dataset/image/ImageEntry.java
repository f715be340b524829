package io.semisup.dataset.image;

import io.semisup.contracts.dataset.Split;

import java.time.Instant;

/**
 * One image of a dataset, as kept in the dataset's index.
 *
 * @param id        SHA-256 of the bytes, hex: the same bytes are one image
 * @param className null for unlabelled images
 * @param format    jpeg, png, bmp or gif
 * @param fileName  the name it was uploaded under, for people
 */
public record ImageEntry(String id, Split split, String className, long bytes, String format, int width,
        int height, String fileName, Instant addedAt) {

    public ImageEntry withLabel(String label) {
        return new ImageEntry(id, Split.LABELED, label, bytes, format, width, height, fileName, addedAt);
    }

    public String contentType() {
        return "image/" + format;
    }
}
