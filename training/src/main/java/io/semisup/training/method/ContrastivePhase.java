package io.semisup.training.method;

import io.semisup.contracts.dataset.Split;
import io.semisup.training.data.HostBatch;
import io.semisup.training.data.Sample;
import io.semisup.training.model.Heads;
import io.semisup.training.model.Networks;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.ArrayList;
import java.util.List;

/** SimCLR pretraining: NT-Xent on two views of every training image, labelled or not; labels are not used. */
final class ContrastivePhase implements Phase {

    private final MethodContext context;
    private final int epochs;
    private final double budgetShare;
    private final List<Sample> images = new ArrayList<>();

    ContrastivePhase(MethodContext context, int epochs, double budgetShare) {
        this.context = context;
        this.epochs = epochs;
        this.budgetShare = budgetShare;
        images.addAll(context.data().split(Split.LABELED));
        images.addAll(context.data().split(Split.UNLABELED));
    }

    @Override
    public String name() {
        return "contrastive";
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
        ComputationGraph graph = Networks.build(context.config(), context.classes(), Heads.PROJECTION, 1.0,
                context.schedule(epochs, stepsPerEpoch()));
        if (previous != null) {
            Networks.copyShared(previous, graph);
        }
        return graph;
    }

    @Override
    public int stepsPerEpoch() {
        return context.stepsFor(images.size(), context.config().batchSize());
    }

    @Override
    public int rowsPerStep() {
        return 2 * context.config().batchSize();
    }

    @Override
    public HostBatch batch(int epoch, int step) {
        int size = context.config().batchSize();
        int[] order = context.batches().order(images.size(), epoch, 2);
        List<Sample> picked = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            picked.add(images.get(order[(step * size + i) % order.length]));
        }
        return context.batches().pairs(picked, context.batches().random(epoch, step, 2));
    }

    @Override
    public MultiDataSet toDataSet(HostBatch batch) {
        return new org.nd4j.linalg.dataset.MultiDataSet(DataSets.features(batch),
                DataSets.noLabels(batch, context.config().projection()));
    }

    @Override
    public boolean classifies() {
        return false;
    }
}
