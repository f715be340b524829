package io.semisup.training.method;

import io.semisup.contracts.dataset.Split;
import io.semisup.training.data.Augmenter;
import io.semisup.training.data.HostBatch;
import io.semisup.training.data.Sample;
import io.semisup.training.model.Heads;
import io.semisup.training.model.Networks;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.ArrayList;
import java.util.List;

/**
 * Cross-entropy on the labelled images: the supervised baseline, fine-tuning after pretraining, or, with a frozen
 * encoder, a linear probe on learned features.
 */
final class ClassifierPhase implements Phase {

    private final String name;
    private final MethodContext context;
    private final int epochs;
    private final double budgetShare;
    private final boolean frozenEncoder;
    private final List<Sample> labeled;

    ClassifierPhase(String name, MethodContext context, int epochs, double budgetShare, boolean frozenEncoder) {
        this.name = name;
        this.context = context;
        this.epochs = epochs;
        this.budgetShare = budgetShare;
        this.frozenEncoder = frozenEncoder;
        this.labeled = context.data().split(Split.LABELED);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int epochs() {
        return epochs;
    }

    @Override
    public double budgetShare() {
        return budgetShare;
    }

    @Override
    public ComputationGraph createGraph(ComputationGraph previous) {
        ComputationGraph graph = Networks.build(context.config(), context.classes(), Heads.CLASSIFIER, 1.0,
                context.schedule(epochs, stepsPerEpoch()));
        if (previous != null) {
            Networks.copyShared(previous, graph);
        }
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
        int size = context.config().batchSize();
        int[] order = context.batches().order(labeled.size(), epoch, 1);
        List<Sample> picked = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            picked.add(labeled.get(order[(step * size + i) % order.length]));
        }
        return context.batches().single(picked, Augmenter.Policy.classifier(), context.batches().random(epoch, step, 1));
    }

    @Override
    public MultiDataSet toDataSet(HostBatch batch) {
        return new org.nd4j.linalg.dataset.MultiDataSet(DataSets.features(batch), DataSets.oneHot(batch, context.classes()));
    }

    @Override
    public boolean classifies() {
        return true;
    }
}
