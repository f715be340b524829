package io.semisup.training.gan;

import io.semisup.training.run.TrainingFailedException;

import java.util.Locale;

/**
 * Stops a GAN whose discriminator has collapsed into certainty: when its real-vs-fake loss stays near zero for a
 * whole epoch, it tells every generated image from the real ones with (numerically) full confidence, the generator's
 * adversarial gradient vanishes and the samples stop improving. (NaN and infinite losses are caught at every step by
 * the training loop.) Fed the real-vs-fake loss of each step; checked at the end of each epoch.
 */
public final class CollapseGuard {

    /** Mean real-vs-fake loss of an epoch below this: both probabilities within about 1e-3 of certainty. */
    static final double COLLAPSED = 2e-3;

    private double sum;
    private int steps;

    public void record(double realVsFake) {
        sum += realVsFake;
        steps++;
    }

    /** Throws if the epoch just recorded collapsed; then starts the next epoch. */
    public void epochEnded(String phase, int epoch) {
        double mean = steps == 0 ? Double.NaN : sum / steps;
        sum = 0;
        steps = 0;
        if (mean < COLLAPSED) {
            throw new TrainingFailedException(String.format(Locale.ROOT, "%s: discriminator collapse in epoch %d: its "
                    + "real-vs-fake loss averaged %.2e, so it rejects every generated image with certainty and the "
                    + "generator no longer learns; try feature matching, a higher generator learning rate or a lower "
                    + "learning rate", phase, epoch, mean));
        }
    }
}
