package io.semisup.training.method;

import io.semisup.training.data.HostBatch;
import io.semisup.training.data.Sample;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Host batches to ND4J arrays. */
final class DataSets {

    private DataSets() {
    }

    static INDArray features(HostBatch batch) {
        return features(batch.images(), batch.rows(), batch.size());
    }

    /** {@code rows} channels-first images of side {@code size}. */
    static INDArray features(float[] images, int rows, int size) {
        return Nd4j.create(images, new long[]{rows, 3, size, size}, DataType.FLOAT);
    }

    /** One-hot rows; unlabelled rows stay zero (and are masked out by {@link #labeledMask}). */
    static INDArray oneHot(HostBatch batch, int classes) {
        float[] data = new float[batch.rows() * classes];
        for (int i = 0; i < batch.rows(); i++) {
            if (batch.labels()[i] != Sample.UNLABELED) {
                data[i * classes + batch.labels()[i]] = 1f;
            }
        }
        return Nd4j.create(data, new long[]{batch.rows(), classes}, DataType.FLOAT);
    }

    static INDArray labeledMask(HostBatch batch) {
        float[] mask = new float[batch.rows()];
        for (int i = 0; i < batch.rows(); i++) {
            mask[i] = batch.labels()[i] == Sample.UNLABELED ? 0f : 1f;
        }
        return Nd4j.create(mask, new long[]{batch.rows(), 1}, DataType.FLOAT);
    }

    /** NT-Xent ignores its labels, but DL4J insists on an array of the output's shape. */
    static INDArray noLabels(HostBatch batch, int width) {
        return Nd4j.zeros(DataType.FLOAT, batch.rows(), width);
    }
}
