package io.semisup.training.data;

import java.util.SplittableRandom;

/**
 * FixMatch's strong augmentation (Sohn et al. 2020, RandAugment with a random magnitude per operation, then Cutout):
 * {@code ops} operations drawn from 14 photometric and geometric ones, each at a magnitude drawn uniformly from its
 * range, applied to a channels-first image with values in [0, 1]. Geometric operations fill with grey.
 */
final class RandAugment {

    private static final int OPERATIONS = 14;
    private static final float FILL = 0.5f;

    private final int size;
    private final int plane;
    private final float[] scratch;

    RandAugment(int size) {
        this.size = size;
        this.plane = size * size;
        this.scratch = new float[3 * plane];
    }

    /** Applies {@code ops} random operations to the image at {@code offset}. Not thread-safe (one per thread). */
    void apply(float[] img, int offset, int ops, SplittableRandom random) {
        for (int i = 0; i < ops; i++) {
            int op = random.nextInt(OPERATIONS);
            double m = random.nextDouble();
            switch (op) {
                case 0 -> { } // identity
                case 1 -> autoContrast(img, offset);
                case 2 -> equalize(img, offset);
                case 3 -> affine(img, offset, rotation((m * 2 - 1) * Math.toRadians(30)));
                case 4 -> solarize(img, offset, m);
                case 5 -> blendWithGray(img, offset, 0.05 + 1.9 * m);                 // colour (saturation)
                case 6 -> posterize(img, offset, 4 + (int) Math.round(m * 4));
                case 7 -> blendWithMean(img, offset, 0.05 + 1.9 * m);                 // contrast
                case 8 -> scale(img, offset, 0.05 + 1.9 * m);                         // brightness
                case 9 -> sharpness(img, offset, 0.05 + 1.9 * m);
                case 10 -> affine(img, offset, new double[]{1, (m * 2 - 1) * 0.3, 0, 0, 1, 0}); // shear x
                case 11 -> affine(img, offset, new double[]{1, 0, 0, (m * 2 - 1) * 0.3, 1, 0}); // shear y
                case 12 -> affine(img, offset, new double[]{1, 0, (m * 2 - 1) * 0.3 * size, 0, 1, 0}); // translate x
                default -> affine(img, offset, new double[]{1, 0, 0, 0, 1, (m * 2 - 1) * 0.3 * size}); // translate y
            }
        }
    }

    /** Greys out a square of side {@code share} x size at a random centre (it may stick out of the image). */
    void cutout(float[] img, int offset, double share, SplittableRandom random) {
        int side = (int) Math.round(share * size);
        int cy = random.nextInt(size);
        int cx = random.nextInt(size);
        int y0 = Math.max(0, cy - side / 2);
        int y1 = Math.min(size, cy + (side + 1) / 2);
        int x0 = Math.max(0, cx - side / 2);
        int x1 = Math.min(size, cx + (side + 1) / 2);
        for (int c = 0; c < 3; c++) {
            for (int y = y0; y < y1; y++) {
                int row = offset + c * plane + y * size;
                for (int x = x0; x < x1; x++) {
                    img[row + x] = FILL;
                }
            }
        }
    }

    private void autoContrast(float[] img, int offset) {
        for (int c = 0; c < 3; c++) {
            int from = offset + c * plane;
            float lo = 1;
            float hi = 0;
            for (int i = from; i < from + plane; i++) {
                lo = Math.min(lo, img[i]);
                hi = Math.max(hi, img[i]);
            }
            if (hi - lo > 1e-6f) {
                float k = 1 / (hi - lo);
                for (int i = from; i < from + plane; i++) {
                    img[i] = (img[i] - lo) * k;
                }
            }
        }
    }

    /** Histogram equalisation per channel on 256 levels. */
    private void equalize(float[] img, int offset) {
        int[] histogram = new int[256];
        for (int c = 0; c < 3; c++) {
            int from = offset + c * plane;
            java.util.Arrays.fill(histogram, 0);
            for (int i = from; i < from + plane; i++) {
                histogram[level(img[i])]++;
            }
            float[] map = new float[256];
            int cumulative = 0;
            for (int v = 0; v < 256; v++) {
                cumulative += histogram[v];
                map[v] = (float) cumulative / plane;
            }
            for (int i = from; i < from + plane; i++) {
                img[i] = map[level(img[i])];
            }
        }
    }

    private void solarize(float[] img, int offset, double threshold) {
        for (int i = offset; i < offset + 3 * plane; i++) {
            if (img[i] >= threshold) {
                img[i] = 1 - img[i];
            }
        }
    }

    private void posterize(float[] img, int offset, int bits) {
        int mask = ~((1 << (8 - bits)) - 1) & 0xFF;
        for (int i = offset; i < offset + 3 * plane; i++) {
            img[i] = (level(img[i]) & mask) / 255f;
        }
    }

    private void scale(float[] img, int offset, double factor) {
        for (int i = offset; i < offset + 3 * plane; i++) {
            img[i] = clamp(img[i] * factor);
        }
    }

    private void blendWithMean(float[] img, int offset, double factor) {
        double mean = 0;
        for (int i = 0; i < plane; i++) {
            mean += luma(img, offset, i);
        }
        mean /= plane;
        for (int i = offset; i < offset + 3 * plane; i++) {
            img[i] = clamp(mean + (img[i] - mean) * factor);
        }
    }

    private void blendWithGray(float[] img, int offset, double factor) {
        for (int i = 0; i < plane; i++) {
            double l = luma(img, offset, i);
            for (int c = 0; c < 3; c++) {
                int j = offset + c * plane + i;
                img[j] = clamp(l + (img[j] - l) * factor);
            }
        }
    }

    /** Blends with a 3x3 smoothed copy (PIL's SMOOTH kernel: 5 in the centre, 1 around), borders unchanged. */
    private void sharpness(float[] img, int offset, double factor) {
        System.arraycopy(img, offset, scratch, 0, 3 * plane);
        for (int c = 0; c < 3; c++) {
            int base = c * plane;
            for (int y = 1; y < size - 1; y++) {
                for (int x = 1; x < size - 1; x++) {
                    double sum = 0;
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            sum += scratch[base + (y + dy) * size + x + dx] * (dx == 0 && dy == 0 ? 5 : 1);
                        }
                    }
                    double smooth = sum / 13;
                    int j = base + y * size + x;
                    img[offset + j] = clamp(smooth + (scratch[j] - smooth) * factor);
                }
            }
        }
    }

    private double[] rotation(double angle) {
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double centre = (size - 1) / 2.0;
        // Source = R · (target − centre) + centre.
        return new double[]{cos, -sin, centre - cos * centre + sin * centre, sin, cos, centre - sin * centre - cos * centre};
    }

    /** Resamples bilinearly: the target pixel (x, y) reads the source at (a·x + b·y + c, d·x + e·y + f). */
    private void affine(float[] img, int offset, double[] t) {
        System.arraycopy(img, offset, scratch, 0, 3 * plane);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double sx = t[0] * x + t[1] * y + t[2];
                double sy = t[3] * x + t[4] * y + t[5];
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                double wx = sx - x0;
                double wy = sy - y0;
                for (int c = 0; c < 3; c++) {
                    int base = c * plane;
                    double v = (1 - wy) * ((1 - wx) * pixel(base, x0, y0) + wx * pixel(base, x0 + 1, y0))
                            + wy * ((1 - wx) * pixel(base, x0, y0 + 1) + wx * pixel(base, x0 + 1, y0 + 1));
                    img[offset + base + y * size + x] = (float) v;
                }
            }
        }
    }

    private float pixel(int base, int x, int y) {
        return x < 0 || y < 0 || x >= size || y >= size ? FILL : scratch[base + y * size + x];
    }

    private double luma(float[] img, int offset, int i) {
        return 0.299 * img[offset + i] + 0.587 * img[offset + plane + i] + 0.114 * img[offset + 2 * plane + i];
    }

    private static int level(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255)));
    }

    private static float clamp(double v) {
        return (float) Math.max(0, Math.min(1, v));
    }
}
