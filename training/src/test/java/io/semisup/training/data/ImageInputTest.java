package io.semisup.training.data;

import io.semisup.contracts.dataset.Split;
import io.semisup.training.GeneratedImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever comes in (grayscale, RGBA, any size), the model sees RGB at its input size in [-1, 1], reproducibly. */
class ImageInputTest {

    @Test
    void grayscaleAndTransparentImagesBecomeRgb() throws IOException {
        ImageDecoder decoder = new ImageDecoder(20);
        BufferedImage gray = new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(0, 0, 0, 200);
        RgbImage fromGray = decoder.decode(png(gray), "gray.png");
        assertEquals(20, fromGray.height(), "shorter side scaled to the cache size");
        assertEquals(27, fromGray.width());
        assertEquals(fromGray.channel(5, 5, 0), fromGray.channel(5, 5, 2));

        BufferedImage rgba = new BufferedImage(10, 10, BufferedImage.TYPE_INT_ARGB); // fully transparent
        RgbImage fromRgba = decoder.decode(png(rgba), "clear.png");
        assertEquals(255, fromRgba.channel(3, 3, 1), "transparent pixels are composed over white");

        assertThrows(IOException.class, () -> decoder.decode(new ByteArrayInputStream(new byte[]{1, 2, 3}), "junk"));
    }

    @Test
    void centreViewKeepsColoursAndAugmentedViewsAreSeeded() {
        BufferedImage red = new BufferedImage(24, 16, BufferedImage.TYPE_INT_RGB);
        var g = red.createGraphics();
        g.setColor(new Color(255, 0, 0));
        g.fillRect(0, 0, 24, 16);
        g.dispose();
        RgbImage image = new ImageDecoder(16).toRgb(red);
        Augmenter augmenter = new Augmenter(8);
        float[] centre = new float[augmenter.volume()];
        augmenter.center(image, centre, 0);
        assertEquals(1f, centre[0], 1e-6, "red plane at +1");
        assertEquals(1f, centre[63], 1e-6, "red plane at +1 in the last pixel too");
        assertEquals(-1f, centre[64], 1e-6, "green plane at -1");

        RgbImage noisy = GeneratedImages.image(1, 20, new Random(3));
        Batches batches = new Batches(augmenter, 11);
        HostBatch a = batches.pairs(List.of(new Sample(noisy, 0)), batches.random(2, 5, 0));
        HostBatch b = batches.pairs(List.of(new Sample(noisy, 0)), batches.random(2, 5, 0));
        HostBatch other = batches.pairs(List.of(new Sample(noisy, 0)), batches.random(2, 6, 0));
        assertArrayEquals(a.images(), b.images(), "same seed, epoch and batch: same views");
        assertFalse(java.util.Arrays.equals(a.images(), other.images()), "another batch: other views");
        for (float v : a.images()) {
            assertTrue(v >= -1f && v <= 1f, "value " + v + " outside [-1, 1]");
        }
    }

    @Test
    void readsTheDatasetLayoutAndRefusesOthers(@TempDir Path root) throws IOException {
        Random random = new Random(5);
        for (String cls : List.of("cat", "dog")) {
            Files.createDirectories(root.resolve("labeled").resolve(cls));
            Files.createDirectories(root.resolve("validation").resolve(cls));
            for (int i = 0; i < 2; i++) {
                write(root.resolve("labeled").resolve(cls).resolve(i + ".png"), random);
                write(root.resolve("validation").resolve(cls).resolve(i + ".png"), random);
            }
        }
        Files.createDirectories(root.resolve("unlabeled"));
        write(root.resolve("unlabeled").resolve("u.png"), random);

        ImageDataset data = ImageDataset.readFolder(root, 16, 2, done -> { });
        assertEquals(List.of("cat", "dog"), data.classes());
        assertEquals(4, data.split(Split.LABELED).size());
        assertEquals(1, data.split(Split.UNLABELED).size());
        assertEquals(Split.VALIDATION, data.evaluationSplitName());

        Files.createDirectories(root.resolve("validation").resolve("bird"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ImageDataset.readFolder(root, 16, 2, done -> { }));
        assertTrue(unknown.getMessage().contains("bird"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageDataset.readFolder(root.resolve("unlabeled"), 16, 1, d -> { }));
    }

    private static void write(Path file, Random random) throws IOException {
        RgbImage image = GeneratedImages.image(random.nextInt(3), 12, random);
        BufferedImage out = new BufferedImage(12, 12, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < 12; x++) {
                out.setRGB(x, y, new Color(image.channel(x, y, 0), image.channel(x, y, 1), image.channel(x, y, 2)).getRGB());
            }
        }
        ImageIO.write(out, "png", file.toFile());
    }

    private static ByteArrayInputStream png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return new ByteArrayInputStream(out.toByteArray());
    }
}
