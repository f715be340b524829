package io.semisup.training;

import io.semisup.contracts.dataset.Split;
import io.semisup.training.data.ImageDataset;
import io.semisup.training.data.RgbImage;
import io.semisup.training.data.Sample;

import java.util.List;
import java.util.Random;

/**
 * A small separable dataset the tests make themselves: each class is a colour (red, green, blue) with a bright
 * stripe in a class-specific orientation, plus noise, so every augmentation keeps it recognisable.
 */
public final class GeneratedImages {

    public static final List<String> CLASSES = List.of("blue", "green", "red");

    private GeneratedImages() {
    }

    public static ImageDataset dataset(int side, int labeledPerClass, int unlabeled, int validationPerClass, long seed) {
        Random random = new Random(seed);
        ImageDataset.Builder builder = ImageDataset.builder(CLASSES);
        for (int c = 0; c < CLASSES.size(); c++) {
            for (int i = 0; i < labeledPerClass; i++) {
                builder.add(Split.LABELED, "labeled-" + c + "-" + i, new Sample(image(c, side, random), c));
            }
            for (int i = 0; i < validationPerClass; i++) {
                builder.add(Split.VALIDATION, "validation-" + c + "-" + i, new Sample(image(c, side, random), c));
            }
        }
        for (int i = 0; i < unlabeled; i++) {
            builder.add(Split.UNLABELED, "unlabeled-" + i,
                    new Sample(image(i % CLASSES.size(), side, random), Sample.UNLABELED));
        }
        return builder.build();
    }

    public static RgbImage image(int cls, int side, Random random) {
        byte[] rgb = new byte[side * side * 3];
        int channel = 2 - cls; // blue → 2, green → 1, red → 0
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                boolean stripe = switch (cls) {
                    case 0 -> Math.abs(x - side / 2) < side / 6;
                    case 1 -> Math.abs(y - side / 2) < side / 6;
                    default -> Math.abs(x - y) < side / 6;
                };
                for (int c = 0; c < 3; c++) {
                    int v = 40 + random.nextInt(40);
                    if (c == channel) {
                        v += 120;
                    }
                    if (stripe) {
                        v = Math.min(255, v + 60);
                    }
                    rgb[(y * side + x) * 3 + c] = (byte) v;
                }
            }
        }
        return new RgbImage(side, side, rgb);
    }
}
