package io.semisup.inference.classify;

import io.semisup.inference.serving.ModelMetadata;
import jakarta.ws.rs.ClientErrorException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

/**
 * Does what a model's metadata asks of its input: decode (any ImageIO format: grayscale, RGBA, palette are fine;
 * no more pixels than the limit, checked from the header),
 * RGB over white, shorter side resized to the input size, centre crop, {@code (x/255 - mean) / std}, NCHW.
 */
final class ImagePreprocessor {

    static final int NOT_AN_IMAGE = 415;
    static final int CORRUPT = 400;
    static final int TOO_LARGE = 413;

    static {
        // Decode from memory: with its cache on, ImageIO spools every request's stream through a temporary file
        // (no measurable speed difference in ClassifyLoadBenchmark, but no disk writes per request).
        ImageIO.setUseCache(false);
    }

    private ImagePreprocessor() {
    }

    /** @param maxPixels the most pixels an image may declare (413 above, before anything is decoded) */
    static float[] toTensor(byte[] bytes, ModelMetadata model, long maxPixels) {
        BufferedImage source = decode(bytes, maxPixels);
        int side = model.inputSize();
        double scale = (double) side / Math.min(source.getWidth(), source.getHeight());
        int w = Math.max(side, (int) Math.round(source.getWidth() * scale));
        int h = Math.max(side, (int) Math.round(source.getHeight() * scale));
        BufferedImage rgb = new BufferedImage(side, side, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = rgb.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, side, side);
        g.drawImage(source, -(w - side) / 2, -(h - side) / 2, w, h, null);
        g.dispose();
        byte[] bgr = ((DataBufferByte) rgb.getRaster().getDataBuffer()).getData();
        int plane = side * side;
        float[] out = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < 3; c++) {
                float v = (bgr[i * 3 + 2 - c] & 0xff) / 255f;
                out[c * plane + i] = (v - model.mean()[c]) / model.std()[c];
            }
        }
        return out;
    }

    /** Reads the size from the image's header first: a small file may declare a huge image, and decoding it would
     *  take seconds and hundreds of megabytes of heap. */
    private static BufferedImage decode(byte[] bytes, long maxPixels) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ClientErrorException("not an image: expected JPEG, PNG, BMP or GIF", NOT_AN_IMAGE);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if ((long) width * height > maxPixels) {
                    throw new ClientErrorException("image is " + width + "x" + height + " pixels, the limit is "
                            + maxPixels + " pixels", TOO_LARGE);
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (ClientErrorException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ClientErrorException("cannot decode the image: " + e.getMessage(), CORRUPT);
        }
    }
}
