package io.semisup.training.method;

import io.semisup.training.data.HostBatch;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.Map;

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

    /**
     * The encoder's forward passes one of those rows costs on average: a trained row about three (forward, backward to
     * the input, backward to the weights), a row that is only predicted one. What GFLOP/s are counted from.
     */
    default double passesPerRow() {
        return 3;
    }

    /** Batch {@code step} of {@code epoch}: a pure function of its arguments and the run's seed. Thread-safe. */
    HostBatch batch(int epoch, int step);

    /** One optimisation step on {@code batch}; returns its losses by name, the first one shown as progress. */
    Map<String, Double> fit(ComputationGraph graph, HostBatch batch);

    /** Optimizer steps the phase plans: all its epochs. */
    default int plannedSteps() {
        return epochs() * stepsPerEpoch();
    }

    /** Moves the end of the learning-rate decay to step {@code steps} (a time budget ends the phase sooner). */
    void annealBy(int steps);

    /** Whether the graph has the classifier head, so validation accuracy can steer early stopping. */
    boolean classifies();

    /**
     * Called after every epoch, before the checkpoint (1-based {@code epoch}; {@code last}: the phase ends with it):
     * phases with pictures of their own draw them into {@code runDir}, phases with their own health checks run them.
     */
    default void epochFinished(int epoch, boolean last, Path runDir) {
    }

    /** What a checkpoint must keep besides the graph's weights to resume this phase exactly (a GAN's generator). */
    default Map<String, INDArray> state() {
        return Map.of();
    }

    /** Puts {@link #state()} back, after the graph from {@link #createGraph} got its weights and step count. */
    default void restore(Map<String, INDArray> state) {
    }
}
