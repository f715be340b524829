package io.semisup.training.gan;

import org.nd4j.linalg.api.ndarray.INDArray;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Generated images (NCHW, RGB in [-1, 1]) as one PNG: a square grid, each image scaled up to at least 64 pixels. */
public final class SampleGrid {

    private static final int GAP = 2;

    private SampleGrid() {
    }

    public static void write(INDArray images, Path file) {
        int count = (int) images.size(0);
        int side = (int) images.size(2);
        int columns = (int) Math.ceil(Math.sqrt(count));
        int rows = (count + columns - 1) / columns;
        int scale = Math.max(1, (64 + side - 1) / side);
        int cell = side * scale + GAP;
        BufferedImage grid = new BufferedImage(columns * cell + GAP, rows * cell + GAP, BufferedImage.TYPE_INT_RGB);
        float[] pixels = images.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat();
        int plane = side * side;
        for (int i = 0; i < count; i++) {
            int left = GAP + (i % columns) * cell;
            int top = GAP + (i / columns) * cell;
            for (int y = 0; y < side * scale; y++) {
                for (int x = 0; x < side * scale; x++) {
                    int at = i * 3 * plane + (y / scale) * side + x / scale;
                    grid.setRGB(left + x, top + y, byteOf(pixels[at]) << 16 | byteOf(pixels[at + plane]) << 8
                            | byteOf(pixels[at + 2 * plane]));
                }
            }
        }
        try {
            // The first epoch of a fresh run ends before its first checkpoint creates the run folder.
            Files.createDirectories(file.toAbsolutePath().getParent());
            ImageIO.write(grid, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static int byteOf(float v) {
        return Math.max(0, Math.min(255, Math.round((v + 1) * 127.5f)));
    }
}
