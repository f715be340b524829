package io.semisup.training.data;

/** One image and its class index, or {@link #UNLABELED}. */
public record Sample(RgbImage image, int label) {

    public static final int UNLABELED = -1;

    public boolean labeled() {
        return label != UNLABELED;
    }
}
