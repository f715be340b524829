package io.semisup.training.data;

import java.util.SplittableRandom;

/**
 * SimCLR's augmentations (Chen et al. 2020, appendix A): random resized crop, horizontal flip, colour jitter
 * (brightness, contrast, saturation, hue) and random grayscale, written straight into the network's input layout
 * (channels first, values in [-1, 1]). Deterministic for a given random source, so each sample's views can be
 * derived from the run's seed and do not depend on which thread produced them.
 */
public final class Augmenter {

    /**
     * @param minCropArea  smallest random crop, as a share of the image area (1: no random crop)
     * @param translate    instead of a random crop: the whole image shifted by up to this share of its side, edges
     *                     repeated (the "pad and crop" of CIFAR training); 0: off
     * @param jitterChance probability of colour jitter
     * @param jitter       jitter strength s: brightness/contrast/saturation ±0.8s, hue ±0.2s
     * @param grayChance   probability of converting to grayscale
     * @param randAugmentOps RandAugment operations per view (0: none)
     * @param cutout       side of the Cutout square as a share of the image side (0: none)
     */
    public record Policy(double minCropArea, double translate, double jitterChance, double jitter, double grayChance,
                         int randAugmentOps, double cutout) {
        /** Strong views for contrastive learning (SimCLR's CIFAR settings: crop ≥ 0.2 of the area, s = 0.5). */
        public static Policy contrastive() {
            return new Policy(0.2, 0, 0.8, 0.5, 0.2, 0, 0);
        }

        /** Milder views of the real images the SGAN discriminator classifies. */
        public static Policy classifier() {
            return new Policy(0.5, 0, 0.5, 0.25, 0.0, 0, 0);
        }

        /**
         * FixMatch's "weak" view, and the usual view of labelled images ({@link LabeledView#WEAK}): flip and a
         * shift of up to 12.5% of the side. Measured on cifar10-ssl: 40.6% after 3 minutes of supervised training,
         * against 39.3% with a random resized crop and colour jitter.
         */
        public static Policy weak() {
            return new Policy(1, 0.125, 0, 0, 0, 0, 0);
        }

        /** FixMatch's strong view: the weak view, two RandAugment operations, and Cutout of half the side. */
        public static Policy strong() {
            return new Policy(1, 0.125, 0, 0, 0, 2, 0.5);
        }
    }

    private final int size;
    private final ThreadLocal<RandAugment> randAugment;

    public Augmenter(int size) {
        this.size = size;
        this.randAugment = ThreadLocal.withInitial(() -> new RandAugment(size));
    }

    public int size() {
        return size;
    }

    /** Floats per image in the output: 3 x size x size. */
    public int volume() {
        return 3 * size * size;
    }

    /** A random view of {@code image} into {@code out} at {@code offset}. */
    public void augment(RgbImage image, Policy policy, SplittableRandom random, float[] out, int offset) {
        double[] crop = policy.translate() > 0 ? shifted(image, policy.translate(), random)
                : randomCrop(image, policy.minCropArea(), random);
        boolean flip = random.nextBoolean();
        resample(image, crop, flip, out, offset);
        if (random.nextDouble() < policy.jitterChance()) {
            jitter(out, offset, policy.jitter(), random);
        }
        if (random.nextDouble() < policy.grayChance()) {
            grayscale(out, offset);
        }
        if (policy.randAugmentOps() > 0) {
            randAugment.get().apply(out, offset, policy.randAugmentOps(), random);
        }
        if (policy.cutout() > 0) {
            randAugment.get().cutout(out, offset, policy.cutout(), random);
        }
        toSigned(out, offset);
    }

    /** The evaluation view: the central square, resized. */
    public void center(RgbImage image, float[] out, int offset) {
        double side = Math.min(image.width(), image.height());
        resample(image, new double[]{(image.width() - side) / 2, (image.height() - side) / 2, side, side}, false, out, offset);
        toSigned(out, offset);
    }

    /** {x, y, w, h} of the central square shifted by whole pixels, up to {@code share} of its side each way. */
    private static double[] shifted(RgbImage image, double share, SplittableRandom random) {
        double side = Math.min(image.width(), image.height());
        int max = (int) Math.round(share * side);
        int dx = random.nextInt(2 * max + 1) - max;
        int dy = random.nextInt(2 * max + 1) - max;
        return new double[]{(image.width() - side) / 2 + dx, (image.height() - side) / 2 + dy, side, side};
    }

    /** {x, y, w, h} of a crop with area share in [min, 1] and aspect ratio in [3/4, 4/3], as torchvision does. */
    private static double[] randomCrop(RgbImage image, double minArea, SplittableRandom random) {
        double area = image.width() * (double) image.height();
        for (int attempt = 0; attempt < 10; attempt++) {
            double target = area * (minArea + (1 - minArea) * random.nextDouble());
            double ratio = Math.exp(Math.log(3.0 / 4) + random.nextDouble() * Math.log(16.0 / 9));
            double w = Math.sqrt(target * ratio);
            double h = Math.sqrt(target / ratio);
            if (w <= image.width() && h <= image.height()) {
                return new double[]{random.nextDouble() * (image.width() - w), random.nextDouble() * (image.height() - h), w, h};
            }
        }
        double side = Math.min(image.width(), image.height());
        return new double[]{(image.width() - side) / 2, (image.height() - side) / 2, side, side};
    }

    /** Bilinear resampling of the crop to size x size, channels first, values in [0, 1]. */
    private void resample(RgbImage image, double[] crop, boolean flip, float[] out, int offset) {
        int plane = size * size;
        double sx = crop[2] / size;
        double sy = crop[3] / size;
        int maxX = image.width() - 1;
        int maxY = image.height() - 1;
        for (int y = 0; y < size; y++) {
            double fy = Math.min(Math.max(crop[1] + (y + 0.5) * sy - 0.5, 0), maxY);
            int y0 = (int) fy;
            int y1 = Math.min(y0 + 1, maxY);
            double wy = fy - y0;
            for (int x = 0; x < size; x++) {
                int ox = flip ? size - 1 - x : x;
                double fx = Math.min(Math.max(crop[0] + (x + 0.5) * sx - 0.5, 0), maxX);
                int x0 = (int) fx;
                int x1 = Math.min(x0 + 1, maxX);
                double wx = fx - x0;
                for (int c = 0; c < 3; c++) {
                    double top = image.channel(x0, y0, c) * (1 - wx) + image.channel(x1, y0, c) * wx;
                    double bottom = image.channel(x0, y1, c) * (1 - wx) + image.channel(x1, y1, c) * wx;
                    out[offset + c * plane + y * size + ox] = (float) ((top * (1 - wy) + bottom * wy) / 255.0);
                }
            }
        }
    }

    private void jitter(float[] out, int offset, double s, SplittableRandom random) {
        int plane = size * size;
        double brightness = 1 + (random.nextDouble() * 2 - 1) * 0.8 * s;
        double contrast = 1 + (random.nextDouble() * 2 - 1) * 0.8 * s;
        double saturation = 1 + (random.nextDouble() * 2 - 1) * 0.8 * s;
        double hue = (random.nextDouble() * 2 - 1) * 0.2 * s * 2 * Math.PI;
        double mean = 0;
        for (int i = 0; i < plane; i++) {
            mean += luma(out[offset + i], out[offset + plane + i], out[offset + 2 * plane + i]);
        }
        mean = mean * brightness / plane;
        double cos = Math.cos(hue);
        double sin = Math.sin(hue);
        for (int i = 0; i < plane; i++) {
            int r = offset + i;
            int g = r + plane;
            int b = g + plane;
            double[] px = {out[r] * brightness, out[g] * brightness, out[b] * brightness};
            for (int c = 0; c < 3; c++) {
                px[c] = mean + (px[c] - mean) * contrast;
            }
            double l = luma(px[0], px[1], px[2]);
            for (int c = 0; c < 3; c++) {
                px[c] = l + (px[c] - l) * saturation;
            }
            // Hue: rotate the chroma plane of YIQ, which leaves luma unchanged.
            double yy = 0.299 * px[0] + 0.587 * px[1] + 0.114 * px[2];
            double ii = 0.596 * px[0] - 0.274 * px[1] - 0.322 * px[2];
            double qq = 0.211 * px[0] - 0.523 * px[1] + 0.312 * px[2];
            double i2 = ii * cos - qq * sin;
            double q2 = ii * sin + qq * cos;
            out[r] = clamp(yy + 0.956 * i2 + 0.621 * q2);
            out[g] = clamp(yy - 0.272 * i2 - 0.647 * q2);
            out[b] = clamp(yy - 1.106 * i2 + 1.703 * q2);
        }
    }

    private void grayscale(float[] out, int offset) {
        int plane = size * size;
        for (int i = 0; i < plane; i++) {
            int r = offset + i;
            float l = (float) luma(out[r], out[r + plane], out[r + 2 * plane]);
            out[r] = out[r + plane] = out[r + 2 * plane] = l;
        }
    }

    private void toSigned(float[] out, int offset) {
        for (int i = offset, end = offset + volume(); i < end; i++) {
            out[i] = out[i] * 2 - 1;
        }
    }

    private static double luma(double r, double g, double b) {
        return 0.299 * r + 0.587 * g + 0.114 * b;
    }

    private static float clamp(double v) {
        return (float) Math.max(0, Math.min(1, v));
    }
}
