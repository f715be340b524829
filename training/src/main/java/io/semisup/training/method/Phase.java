package io.semisup.training.method;

import io.semisup.training.data.HostBatch;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * One stage of a method: which graph it trains, on what batches, for how many epochs. A method is a list of phases;
 * each phase's graph starts from the previous phase's weights (shared layers are copied by name).
 */
public interface Phase {

    /** Shown in progress and reports: "supervised", "contrastive", "joint", "fine-tune", "probe"... */
    String name();

    int epochs();

    /** Share of the run's time budget this phase may use (the last phase takes whatever is left). */
    double budgetShare();

    /** A fresh graph for this phase, initialised from {@code previous} (null for the first phase). */
    ComputationGraph createGraph(ComputationGraph previous);

    int stepsPerEpoch();

    /** Rows the network sees per step (two views per image in contrastive phases): the unit of throughput. */
    int rowsPerStep();

    /** Batch {@code step} of {@code epoch}: a pure function of its arguments and the run's seed. Thread-safe. */
    HostBatch batch(int epoch, int step);

    MultiDataSet toDataSet(HostBatch batch);

    /** Whether the graph has the classifier head, so validation accuracy can steer early stopping. */
    boolean classifies();
}
