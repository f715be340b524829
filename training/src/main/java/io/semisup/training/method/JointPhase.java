package io.semisup.training.method;

import io.semisup.contracts.dataset.Split;
import io.semisup.training.data.HostBatch;
import io.semisup.training.data.Sample;
import io.semisup.training.model.Heads;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.ArrayList;
import java.util.List;

/**
 * Joint SimCLR as in the original study: every batch mixes labelled and unlabelled images, two views each; NT-Xent
 * runs over all views and cross-entropy over the labelled ones, and both losses backpropagate into the encoder
 * together. An epoch is a pass over the unlabelled images; the labelled ones cycle with their own order.
 */
final class JointPhase extends DataSetPhase {

    private final List<Sample> labeled;
    private final List<Sample> unlabeled;
    private final int labeledPerStep;

    JointPhase(MethodContext context, int epochs) {
        super("joint", context, epochs, 1.0);
        this.labeled = context.data().split(Split.LABELED);
        this.unlabeled = context.data().split(Split.UNLABELED);
        int batch = context.config().batchSize();
        this.labeledPerStep = unlabeled.isEmpty() ? batch
                : Math.max(1, Math.min(batch - 1, (int) Math.round(batch * context.config().labeledFraction())));
    }

    @Override
    public ComputationGraph createGraph(ComputationGraph previous) {
        return graph(previous, Heads.BOTH, (double) context.config().batchSize() / labeledPerStep);
    }

    @Override
    public int stepsPerEpoch() {
        int unlabeledPerStep = context.config().batchSize() - labeledPerStep;
        return unlabeledPerStep == 0 ? context.stepsFor(labeled.size(), labeledPerStep)
                : context.stepsFor(unlabeled.size(), unlabeledPerStep);
    }

    @Override
    public int rowsPerStep() {
        return 2 * context.config().batchSize();
    }

    @Override
    public HostBatch batch(int epoch, int step) {
        int size = context.config().batchSize();
        int unlabeledPerStep = size - labeledPerStep;
        List<Sample> picked = new ArrayList<>(pick(labeled, labeledPerStep, epoch, step, 3));
        if (unlabeledPerStep > 0) {
            picked.addAll(pick(unlabeled, unlabeledPerStep, epoch, step, 4));
        }
        return context.batches().pairs(picked, context.batches().random(epoch, step, 3));
    }

    @Override
    protected MultiDataSet toDataSet(HostBatch batch) {
        // In the order Networks.build declares the outputs: classes, then projection.
        INDArray[] labels = new INDArray[2];
        INDArray[] masks = new INDArray[2];
        labels[0] = DataSets.oneHot(batch, context.classes());
        masks[0] = DataSets.labeledMask(batch);
        labels[1] = DataSets.noLabels(batch, context.config().projection());
        return new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[]{DataSets.features(batch)}, labels, null, masks);
    }

    @Override
    public boolean classifies() {
        return true;
    }
}
