package io.semisup.cli.dataset;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * The demo's own dataset, so the platform can be tried without a download: four shapes (circle, cross, square,
 * triangle) in random dark colours, sizes, positions and slight turns on light noisy backgrounds. Colour says nothing about the class;
 * only shape does, which is what the unlabelled images let an encoder learn.
 */
public final class ShapesDataset {

    public static final List<String> CLASSES = List.of("circle", "cross", "square", "triangle");
    private static final int SIDE = 40;

    /** Images per class in the labelled, validation and test splits, and unlabelled images in all. */
    public record Sizes(int labeledPerClass, int validationPerClass, int testPerClass, int unlabeled) {
        public int total() {
            return CLASSES.size() * (labeledPerClass + validationPerClass + testPerClass) + unlabeled;
        }
    }

    public static final Sizes DEFAULT_SIZES = new Sizes(20, 50, 50, 800);

    private ShapesDataset() {
    }

    /** Writes the dataset under {@code root}; the same seed writes the same images. */
    public static DatasetFolder write(Path root, Sizes sizes, long seed, IntConsumer written) {
        Random random = new Random(seed);
        int[] count = {0};
        for (int c = 0; c < CLASSES.size(); c++) {
            writeSplit(root.resolve("labeled").resolve(CLASSES.get(c)), c, sizes.labeledPerClass(), random, count, written);
            writeSplit(root.resolve("validation").resolve(CLASSES.get(c)), c, sizes.validationPerClass(), random, count, written);
            writeSplit(root.resolve("test").resolve(CLASSES.get(c)), c, sizes.testPerClass(), random, count, written);
        }
        Path unlabeled = root.resolve("unlabeled");
        for (int i = 0; i < sizes.unlabeled(); i++) {
            save(draw(random.nextInt(CLASSES.size()), random), unlabeled.resolve(String.format("u%05d.png", i)));
            written.accept(++count[0]);
        }
        return new DatasetFolder(root);
    }

    private static void writeSplit(Path dir, int shape, int n, Random random, int[] count, IntConsumer written) {
        for (int i = 0; i < n; i++) {
            save(draw(shape, random), dir.resolve(String.format("%s-%04d.png", CLASSES.get(shape), i)));
            written.accept(++count[0]);
        }
    }

    static BufferedImage draw(int shape, Random random) {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        Color background = Color.getHSBColor(random.nextFloat(), 0.15f + 0.3f * random.nextFloat(), 0.75f + 0.25f * random.nextFloat());
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int n = random.nextInt(21) - 10;
                image.setRGB(x, y, new Color(clamp(background.getRed() + n), clamp(background.getGreen() + n),
                        clamp(background.getBlue() + n)).getRGB());
            }
        }
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.getHSBColor(random.nextFloat(), 0.6f + 0.4f * random.nextFloat(), 0.1f + 0.4f * random.nextFloat()));
        double size = SIDE * (0.55 + 0.25 * random.nextDouble());
        double cx = SIDE / 2.0 + (random.nextDouble() - 0.5) * (SIDE - size) * 0.8;
        double cy = SIDE / 2.0 + (random.nextDouble() - 0.5) * (SIDE - size) * 0.8;
        AffineTransform turn = AffineTransform.getRotateInstance((random.nextDouble() - 0.5) * Math.PI / 6, cx, cy);
        g.transform(turn);
        int half = (int) (size / 2);
        int x0 = (int) cx - half;
        int y0 = (int) cy - half;
        switch (shape) {
            case 0 -> g.fillOval(x0, y0, 2 * half, 2 * half);
            case 1 -> {
                g.setStroke(new BasicStroke((float) (size / 4)));
                g.drawLine(x0, (int) cy, x0 + 2 * half, (int) cy);
                g.drawLine((int) cx, y0, (int) cx, y0 + 2 * half);
            }
            case 2 -> g.fillRect(x0, y0, 2 * half, 2 * half);
            default -> g.fillPolygon(new Polygon(new int[]{(int) cx, x0 + 2 * half, x0},
                    new int[]{y0, y0 + 2 * half, y0 + 2 * half}, 3));
        }
        g.dispose();
        return image;
    }

    private static void save(BufferedImage image, Path file) {
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
