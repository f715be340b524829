package io.semisup.training.report;

import java.util.List;

/**
 * How a classifier did on one split.
 *
 * @param split     which split was evaluated
 * @param images    how many images
 * @param accuracy  share predicted correctly
 * @param perClass  per class: share of its images predicted correctly (recall), in class order
 * @param confusion rows: actual class, columns: predicted class
 */
public record ClassifierEvaluation(String split, int images, double accuracy, List<Double> perClass, int[][] confusion) {
}
