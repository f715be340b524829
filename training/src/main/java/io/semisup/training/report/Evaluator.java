package io.semisup.training.report;

import io.semisup.training.data.Batches;
import io.semisup.training.data.HostBatch;
import io.semisup.training.data.Sample;
import io.semisup.training.model.Networks;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/** Accuracy, per-class accuracy and confusion matrix of a graph's classifier head on centre-cropped images. */
public final class Evaluator {

    private final Batches batches;
    private final int batchSize;
    private final List<String> classes;

    public Evaluator(Batches batches, int batchSize, List<String> classes) {
        this.batches = batches;
        this.batchSize = batchSize;
        this.classes = classes;
    }

    public ClassifierEvaluation evaluate(ComputationGraph graph, List<Sample> samples, String split) {
        int head = graph.getConfiguration().getNetworkOutputs().indexOf(Networks.CLASSES);
        if (head < 0) {
            throw new IllegalArgumentException("graph has no classifier head");
        }
        Evaluation evaluation = new Evaluation(classes);
        for (int from = 0; from < samples.size(); from += batchSize) {
            HostBatch batch = batches.center(samples.subList(from, Math.min(samples.size(), from + batchSize)));
            INDArray features = Nd4j.create(batch.images(), new long[]{batch.rows(), 3, batch.size(), batch.size()},
                    DataType.FLOAT);
            INDArray probabilities = graph.output(false, features)[head];
            INDArray labels = Nd4j.zeros(DataType.FLOAT, batch.rows(), classes.size());
            for (int i = 0; i < batch.rows(); i++) {
                labels.putScalar(i, batch.labels()[i], 1f);
            }
            evaluation.eval(labels, probabilities);
        }
        int k = classes.size();
        int[][] confusion = new int[k][k];
        List<Double> perClass = new ArrayList<>(k);
        for (int actual = 0; actual < k; actual++) {
            int total = 0;
            for (int predicted = 0; predicted < k; predicted++) {
                confusion[actual][predicted] = evaluation.getConfusionMatrix().getCount(actual, predicted);
                total += confusion[actual][predicted];
            }
            perClass.add(total == 0 ? 0.0 : (double) confusion[actual][actual] / total);
        }
        double accuracy = samples.isEmpty() ? 0.0 : evaluation.accuracy();
        return new ClassifierEvaluation(split, samples.size(), accuracy, perClass, confusion);
    }
}
