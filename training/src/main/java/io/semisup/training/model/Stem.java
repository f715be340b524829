package io.semisup.training.model;

/**
 * How early MobileNetV1 downsamples. ImageNet's stem halves the input five times, so a 32x32 image is 1x1 before the
 * last blocks; networks for small images keep the early resolution instead (a 32x32 input then ends at 4x4, as CIFAR
 * networks do), at about 16 times the arithmetic.
 */
public enum Stem {
    /** Stride 2 in the first convolution and in every downsampling block, as in the paper. */
    STANDARD("standard"),
    /** Stride 1 in the first convolution and in the first downsampling block: three halvings instead of five. */
    SMALL("small");

    /** Inputs up to this side get the small stem unless a run asks otherwise. */
    public static final int SMALL_UP_TO = 64;

    private final String id;

    Stem(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Stem forSize(int imageSize) {
        return imageSize <= SMALL_UP_TO ? SMALL : STANDARD;
    }

    public static Stem of(String id) {
        for (Stem stem : values()) {
            if (stem.id.equals(id)) {
                return stem;
            }
        }
        throw new IllegalArgumentException("unknown stem '" + id + "', expected standard or small");
    }

    /** Stride of the first convolution. */
    int stemStride() {
        return this == SMALL ? 1 : 2;
    }

    /** Stride of depthwise block {@code index} (0-based) whose paper stride is {@code paperStride}. */
    int blockStride(int index, int paperStride) {
        // Block 1 (0-based) is the first that downsamples in the paper.
        return this == SMALL && index == 1 ? 1 : paperStride;
    }
}
