package io.semisup.training.method;

import io.semisup.contracts.dataset.Split;
import io.semisup.training.data.HostBatch;
import io.semisup.training.data.Sample;
import io.semisup.training.model.Heads;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.ArrayList;
import java.util.List;

/** SimCLR pretraining: NT-Xent on two views of every training image, labelled or not; labels are not used. */
final class ContrastivePhase extends DataSetPhase {

    private final List<Sample> images = new ArrayList<>();

    ContrastivePhase(MethodContext context, int epochs, double budgetShare) {
        super("contrastive", context, epochs, budgetShare);
        images.addAll(context.data().split(Split.LABELED));
        images.addAll(context.data().split(Split.UNLABELED));
    }

    @Override
    public ComputationGraph createGraph(ComputationGraph previous) {
        return graph(previous, Heads.PROJECTION, 1.0);
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
        List<Sample> picked = pick(images, context.config().batchSize(), epoch, step, 2);
        return context.batches().pairs(picked, context.batches().random(epoch, step, 2));
    }

    @Override
    protected MultiDataSet toDataSet(HostBatch batch) {
        return new org.nd4j.linalg.dataset.MultiDataSet(DataSets.features(batch),
                DataSets.noLabels(batch, context.config().projection()));
    }

    @Override
    public boolean classifies() {
        return false;
    }
}
