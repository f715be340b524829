package io.semisup.training.run;

/** A run that cannot produce a usable model, with a reason a user can act on. */
public class TrainingFailedException extends RuntimeException {

    public TrainingFailedException(String message) {
        super(message);
    }
}
