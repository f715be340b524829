package io.semisup.training.suggest;

import io.semisup.training.data.Batches;
import io.semisup.training.data.HostBatch;
import io.semisup.training.data.Sample;
import io.semisup.training.model.Networks;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/** Runs the final classifier over images (centre crops, inference mode, as evaluation does) in batches. */
final class Scorer {

    private final ComputationGraph classifier;
    private final Batches batches;
    private final int batchSize;

    Scorer(ComputationGraph classifier, Batches batches, int batchSize) {
        this.classifier = classifier;
        this.batches = batches;
        this.batchSize = batchSize;
    }

    /** @param done receives the count of images scored so far */
    Scored score(List<Sample> samples, IntConsumer done) {
        float[][] probabilities = new float[samples.size()][];
        double[][] representations = new double[samples.size()][];
        for (int from = 0; from < samples.size(); from += batchSize) {
            HostBatch batch = batches.center(samples.subList(from, Math.min(samples.size(), from + batchSize)));
            INDArray features = Nd4j.create(batch.images(), new long[]{batch.rows(), 3, batch.size(), batch.size()},
                    DataType.FLOAT);
            Map<String, INDArray> activations = classifier.feedForward(features, false);
            float[][] p = activations.get(Networks.CLASSES).toFloatMatrix();
            double[][] r = activations.get(Networks.REPRESENTATION).toDoubleMatrix();
            for (int i = 0; i < batch.rows(); i++) {
                probabilities[from + i] = p[i];
                representations[from + i] = unit(r[i]);
            }
            done.accept(from + batch.rows());
        }
        return new Scored(probabilities, representations);
    }

    private static double[] unit(double[] v) {
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= norm;
            }
        }
        return v;
    }
}
