package io.semisup.training.data;

/**
 * A batch prepared on the host by the pipeline: {@code rows} images in channels-first floats, and per row its class
 * index or {@link Sample#UNLABELED}. Contrastive batches hold two views: rows i and i + rows/2 come from one image.
 * {@code sources}, where a phase needs it, gives per row the index of its image in the phase's pool (-1: none).
 */
public record HostBatch(float[] images, int[] labels, int rows, int size, int[] sources) {

    public HostBatch(float[] images, int[] labels, int rows, int size) {
        this(images, labels, rows, size, null);
    }

    public int labeledRows() {
        int n = 0;
        for (int label : labels) {
            if (label != Sample.UNLABELED) {
                n++;
            }
        }
        return n;
    }
}
