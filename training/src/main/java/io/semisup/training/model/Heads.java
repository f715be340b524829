package io.semisup.training.model;

/** Which heads a graph carries on top of the shared encoder and representation layer. */
public enum Heads {
    /** Softmax over the classes: supervised training, fine-tuning and the exported classifier. */
    CLASSIFIER,
    /** Projection head with NT-Xent: contrastive pretraining. */
    PROJECTION,
    /** Both, trained together: joint SimCLR. */
    BOTH;

    public boolean classifier() {
        return this != PROJECTION;
    }

    public boolean projection() {
        return this != CLASSIFIER;
    }
}
