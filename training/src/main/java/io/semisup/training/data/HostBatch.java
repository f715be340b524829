package io.semisup.training.data;

/**
 * A batch prepared on the host by the pipeline: {@code rows} images in channels-first floats, and per row its class
 * index or {@link Sample#UNLABELED}. Contrastive batches hold two views: rows i and i + rows/2 come from one image.
 */
public record HostBatch(float[] images, int[] labels, int rows, int size) {

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
