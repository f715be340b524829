package io.semisup.training.suggest;

/**
 * What the strategies read about a set of images: the classifier's class probabilities and the representation layer's
 * activations, scaled to unit length so that distances compare directions (as contrastive training shapes them).
 */
record Scored(float[][] probabilities, double[][] representations) {

    int size() {
        return probabilities.length;
    }
}
