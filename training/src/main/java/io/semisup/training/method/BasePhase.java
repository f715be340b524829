package io.semisup.training.method;

import io.semisup.training.data.Sample;
import io.semisup.training.model.Heads;
import io.semisup.training.model.Networks;
import io.semisup.training.model.WarmupCosineSchedule;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.lossfunctions.ILossFunction;

import java.util.ArrayList;
import java.util.List;

/** What every phase shares: its name, length and budget, building its graph, and drawing samples in epoch order. */
abstract class BasePhase implements Phase {

    protected final MethodContext context;
    private final String name;
    private final int epochs;
    private final double budgetShare;
    private WarmupCosineSchedule schedule;

    BasePhase(String name, MethodContext context, int epochs, double budgetShare) {
        this.name = name;
        this.context = context;
        this.epochs = epochs;
        this.budgetShare = budgetShare;
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
    public void annealBy(int steps) {
        if (schedule != null) {
            schedule.endAt(steps);
        }
    }

    /** This phase's graph with its learning-rate schedule, starting from the shared layers of {@code previous}. */
    protected ComputationGraph graph(ComputationGraph previous, Heads heads, double classLossScale) {
        return graph(previous, heads, Networks.crossEntropy(context.classes(), classLossScale));
    }

    /** The same with the classifier head's own loss. */
    protected ComputationGraph graph(ComputationGraph previous, Heads heads, ILossFunction classLoss) {
        schedule = context.schedule(epochs, stepsPerEpoch());
        ComputationGraph graph = Networks.build(context.config(), context.classes(), heads, classLoss, schedule);
        if (previous != null) {
            Networks.copyShared(previous, graph);
        }
        return graph;
    }

    /** The {@code count} samples of {@code pool} that batch {@code step} takes, cycling through the epoch's order. */
    protected List<Sample> pick(List<Sample> pool, int count, int epoch, int step, int purpose) {
        List<Sample> picked = new ArrayList<>(count);
        for (int index : indices(pool.size(), count, epoch, step, purpose)) {
            picked.add(pool.get(index));
        }
        return picked;
    }

    /** Their indices in the pool. */
    protected int[] indices(int poolSize, int count, int epoch, int step, int purpose) {
        int[] order = context.batches().order(poolSize, epoch, purpose);
        int[] picked = new int[count];
        for (int i = 0; i < count; i++) {
            picked[i] = order[(step * count + i) % order.length];
        }
        return picked;
    }
}
