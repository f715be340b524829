package io.semisup.training.run;

import io.semisup.training.report.ClassifierEvaluation;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.List;

/**
 * A finished run.
 *
 * @param classifier  image → class probabilities, ready to export
 * @param history     every epoch of every phase
 * @param evaluation  on the test split, else the validation split, else the labelled images
 * @param stopReason  why training ended ("epochs", "early stopping", "time budget")
 * @param seconds     training time, resumed runs included
 * @param passesPerSecond the encoder's forward passes per second of training step, mean over the epochs (each epoch's
 *                    images/s times its phase's passes per row)
 */
public record RunResult(ComputationGraph classifier, List<EpochRecord> history, ClassifierEvaluation evaluation,
                        String stopReason, double seconds, double passesPerSecond) {
}
