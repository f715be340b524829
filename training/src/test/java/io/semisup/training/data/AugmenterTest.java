package io.semisup.training.data;

import io.semisup.training.GeneratedImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FixMatch's weak and strong views: seeded, in range, and doing what they say. */
class AugmenterTest {

    private static final int SIZE = 16;

    @Test
    void weakViewsAreWholePixelShiftsOfTheImage() {
        RgbImage image = GeneratedImages.image(2, SIZE, new Random(1));
        Augmenter augmenter = new Augmenter(SIZE);
        float[] centre = new float[augmenter.volume()];
        augmenter.center(image, centre, 0);
        float[] weak = new float[augmenter.volume()];
        SplittableRandom random = new SplittableRandom(4);
        for (int trial = 0; trial < 20; trial++) {
            augmenter.augment(image, Augmenter.Policy.weak(), random, weak, 0);
            // Every value of a shifted (and maybe flipped) image is one of the image's own values: no blending.
            java.util.Set<Float> values = new java.util.HashSet<>();
            for (float v : centre) values.add(v);
            for (float v : weak) assertTrue(values.contains(v), "value " + v + " is not a pixel of the image");
        }
    }

    @Test
    void strongViewsAreSeededInRangeAndCutOut() {
        RgbImage image = GeneratedImages.image(0, SIZE, new Random(2));
        Batches batches = new Batches(new Augmenter(SIZE), 9);
        List<Sample> labeled = List.of(new Sample(image, 0));
        List<Sample> unlabeled = List.of(new Sample(image, Sample.UNLABELED), new Sample(image, Sample.UNLABELED));
        HostBatch a = batches.weakAndStrong(labeled, LabeledView.WEAK, unlabeled, new int[]{7, 3}, batches.random(1, 2, 5));
        HostBatch b = batches.weakAndStrong(labeled, LabeledView.WEAK, unlabeled, new int[]{7, 3}, batches.random(1, 2, 5));
        assertArrayEquals(a.images(), b.images(), "same seed, epoch and batch: same views");
        assertEquals(5, a.rows());
        assertArrayEquals(new int[]{0, Sample.UNLABELED, Sample.UNLABELED, Sample.UNLABELED, Sample.UNLABELED}, a.labels());
        assertArrayEquals(new int[]{-1, 7, 3, 7, 3}, a.sources());
        for (float v : a.images()) {
            assertTrue(v >= -1f && v <= 1f, "value " + v + " outside [-1, 1]");
        }
        int volume = 3 * SIZE * SIZE;
        float[] strong = Arrays.copyOfRange(a.images(), volume, 2 * volume);
        float[] weak = Arrays.copyOfRange(a.images(), 3 * volume, 4 * volume);
        assertFalse(Arrays.equals(strong, weak), "the strong view differs from the weak one");
    }

    @ParameterizedTest
    @EnumSource(LabeledView.class)
    void fixMatchsLabelledRowsTakeTheViewAskedFor(LabeledView view) {
        RgbImage image = GeneratedImages.image(1, SIZE, new Random(4));
        Batches batches = new Batches(new Augmenter(SIZE), 9);
        List<Sample> labeled = List.of(new Sample(image, 2));
        List<Sample> unlabeled = List.of(new Sample(image, Sample.UNLABELED));
        HostBatch fixMatch = batches.weakAndStrong(labeled, view, unlabeled, new int[]{0}, batches.random(3, 1, 5));
        HostBatch single = batches.single(labeled, view.policy(), batches.random(3, 1, 5));
        int volume = 3 * SIZE * SIZE;
        assertArrayEquals(single.images(), Arrays.copyOfRange(fixMatch.images(), 0, volume));
    }

    @Test
    void cutoutGreysASquareOfTheGivenSide() {
        RandAugment randAugment = new RandAugment(SIZE);
        float[] img = new float[3 * SIZE * SIZE];
        randAugment.cutout(img, 0, 0.5, new SplittableRandom(3));
        int grey = 0;
        for (float v : img) grey += v == 0.5f ? 1 : 0;
        // A square of side 8, clipped where its centre lies near the border: between a quarter of it and all of it.
        assertTrue(grey % 3 == 0 && grey / 3 >= 16 && grey / 3 <= 64, grey / 3 + " grey pixels per channel");
    }

    @Test
    void everyOperationKeepsValuesInRange() {
        RandAugment randAugment = new RandAugment(SIZE);
        SplittableRandom random = new SplittableRandom(8);
        Random pixels = new Random(8);
        for (int trial = 0; trial < 300; trial++) {
            float[] img = new float[3 * SIZE * SIZE];
            for (int i = 0; i < img.length; i++) img[i] = pixels.nextFloat();
            randAugment.apply(img, 0, 2, random);
            for (float v : img) assertTrue(v >= 0f && v <= 1f && !Float.isNaN(v), "value " + v);
        }
    }
}
