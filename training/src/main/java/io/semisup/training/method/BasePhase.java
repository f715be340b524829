package io.semisup.training.method;

import io.semisup.training.data.Sample;
import io.semisup.training.model.Heads;
import io.semisup.training.model.Networks;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.ArrayList;
import java.util.List;

/** What every phase shares: its name, length and budget, building its graph, and drawing samples in epoch order. */
abstract class BasePhase implements Phase {

    protected final MethodContext context;
    private final String name;
    private final int epochs;
    private final double budgetShare;

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

    /** This phase's graph with its learning-rate schedule, starting from the shared layers of {@code previous}. */
    protected ComputationGraph graph(ComputationGraph previous, Heads heads, double classLossScale) {
        ComputationGraph graph = Networks.build(context.config(), context.classes(), heads, classLossScale,
                context.schedule(epochs, stepsPerEpoch()));
        if (previous != null) {
            Networks.copyShared(previous, graph);
        }
        return graph;
    }

    /** The {@code count} samples of {@code pool} that batch {@code step} takes, cycling through the epoch's order. */
    protected List<Sample> pick(List<Sample> pool, int count, int epoch, int step, int purpose) {
        int[] order = context.batches().order(pool.size(), epoch, purpose);
        List<Sample> picked = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            picked.add(pool.get(order[(step * count + i) % order.length]));
        }
        return picked;
    }
}
