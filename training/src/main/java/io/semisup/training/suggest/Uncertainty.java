package io.semisup.training.suggest;

import io.semisup.contracts.suggestion.Strategy;

/** The classifier-confidence scores, each higher for an image the model is less sure of. */
final class Uncertainty {

    private Uncertainty() {
    }

    /** 1 − the top probability. */
    static double leastConfidence(float[] p) {
        return 1 - p[top(p, -1)];
    }

    /** 1 − (top − second): 1 where the two best classes tie. */
    static double margin(float[] p) {
        int first = top(p, -1);
        return 1 - (p[first] - p[top(p, first)]);
    }

    /** Shannon entropy of the prediction, in nats. */
    static double entropy(float[] p) {
        double h = 0;
        for (float q : p) {
            if (q > 0) {
                h -= q * Math.log(q);
            }
        }
        return h;
    }

    static double score(Strategy strategy, float[] p) {
        return switch (strategy) {
            case LEAST_CONFIDENCE -> leastConfidence(p);
            case MARGIN, MARGIN_CLUSTER -> margin(p);
            case ENTROPY -> entropy(p);
            default -> throw new IllegalArgumentException(strategy + " is not an uncertainty score");
        };
    }

    /** Index of the largest entry other than {@code except}. */
    static int top(float[] p, int except) {
        int best = -1;
        for (int i = 0; i < p.length; i++) {
            if (i != except && (best < 0 || p[i] > p[best])) {
                best = i;
            }
        }
        return best;
    }
}
