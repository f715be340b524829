package io.semisup.training.run;

/**
 * Which epochs of a phase end with an evaluation of the classifier: the first, the last, and otherwise only while
 * evaluating has cost at most {@link #SHARE} of the phase's training time. With 20 labels per class an epoch is a few
 * seconds of training, and evaluating 1,000 validation images after each one took a quarter of a time budget
 * (cifar10-ssl, measured): steps a budgeted run did not take. Curves get fewer points; early stopping still counts
 * epochs, and notices a plateau at the first evaluation after its patience ran out.
 */
final class EvaluationPacer {

    static final double SHARE = 0.05;

    private double trainingSeconds;
    private double evaluationSeconds;
    private boolean evaluated;

    /** Adds an epoch's training time; then whether the epoch ({@code last}: the phase ends with it) is evaluated. */
    boolean due(double epochTrainingSeconds, boolean last) {
        trainingSeconds += epochTrainingSeconds;
        return last || !evaluated || evaluationSeconds <= SHARE * trainingSeconds;
    }

    void evaluated(double seconds) {
        evaluated = true;
        evaluationSeconds += seconds;
    }
}
