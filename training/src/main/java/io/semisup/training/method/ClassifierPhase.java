package io.semisup.training.method;

import io.semisup.contracts.dataset.Split;
import io.semisup.training.data.HostBatch;
import io.semisup.training.data.Sample;
import io.semisup.training.model.Heads;
import io.semisup.training.model.Networks;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.List;

/**
 * Cross-entropy on the labelled images: the supervised baseline, fine-tuning after pretraining, or, with a frozen
 * encoder, a linear probe on learned features.
 */
final class ClassifierPhase extends DataSetPhase {

    private final boolean frozenEncoder;
    private final List<Sample> labeled;

    ClassifierPhase(String name, MethodContext context, int epochs, double budgetShare, boolean frozenEncoder) {
        super(name, context, epochs, budgetShare);
        this.frozenEncoder = frozenEncoder;
        this.labeled = context.data().split(Split.LABELED);
    }

    @Override
    public ComputationGraph createGraph(ComputationGraph previous) {
        ComputationGraph graph = graph(previous, Heads.CLASSIFIER, 1.0);
        if (frozenEncoder) {
            // Everything up to the representation becomes a FrozenLayer: only the softmax head learns.
            graph = new TransferLearning.GraphBuilder(graph).setFeatureExtractor(Networks.REPRESENTATION).build();
        }
        return graph;
    }

    @Override
    public int stepsPerEpoch() {
        return context.stepsFor(labeled.size(), context.config().batchSize());
    }

    @Override
    public int rowsPerStep() {
        return context.config().batchSize();
    }

    @Override
    public HostBatch batch(int epoch, int step) {
        List<Sample> picked = pick(labeled, context.config().batchSize(), epoch, step, 1);
        return context.batches().single(picked, context.config().labeledView().policy(), context.batches().random(epoch, step, 1));
    }

    @Override
    protected MultiDataSet toDataSet(HostBatch batch) {
        return new org.nd4j.linalg.dataset.MultiDataSet(DataSets.features(batch), DataSets.oneHot(batch, context.classes()));
    }

    @Override
    public boolean classifies() {
        return true;
    }
}
