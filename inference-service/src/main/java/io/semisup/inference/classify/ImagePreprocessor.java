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
 * no more pixels than the limit, checked from the header), RGB over white, shorter side resized to the input size,
 * centre crop, {@code (x/255 - mean) / std}, NCHW.
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
        return open(bytes, maxPixels).toTensor(model);
    }

    /**
     * Reads the image's header only: a small file may declare a huge image, and decoding it would take seconds and
     * hundreds of megabytes of heap, so the size is checked first (413 above {@code maxPixels}), and the caller can
     * choose a thread for the decoding by it.
     */
    static Header open(byte[] bytes, long maxPixels) {
        ImageInputStream in = null;
        ImageReader reader = null;
        try {
            in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes));
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ClientErrorException("not an image: expected JPEG, PNG, BMP or GIF", NOT_AN_IMAGE);
            }
            reader = readers.next();
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if ((long) width * height > maxPixels) {
                throw new ClientErrorException("image is " + width + "x" + height + " pixels, the limit is "
                        + maxPixels + " pixels", TOO_LARGE);
            }
            return new Header(in, reader, (long) width * height);
        } catch (ClientErrorException e) {
            close(in, reader);
            throw e;
        } catch (IOException | RuntimeException e) {
            close(in, reader);
            throw new ClientErrorException("cannot decode the image: " + e.getMessage(), CORRUPT);
        }
    }

    /** An image whose size is known and whose pixels are not decoded yet; {@link #toTensor} decodes it, once. */
    static final class Header {
        private final ImageInputStream in;
        private final ImageReader reader;
        private final long pixels;

        private Header(ImageInputStream in, ImageReader reader, long pixels) {
            this.in = in;
            this.reader = reader;
            this.pixels = pixels;
        }

        long pixels() {
            return pixels;
        }

        float[] toTensor(ModelMetadata model) {
            BufferedImage source;
            try {
                source = reader.read(0);
            } catch (IOException | RuntimeException e) {
                throw new ClientErrorException("cannot decode the image: " + e.getMessage(), CORRUPT);
            } finally {
                close(in, reader);
            }
            int side = model.inputSize();
            // An RGB(A) image already at the model's size (what a client that knows the model sends) skips Java2D.
            // Grey and palette images keep Java2D's colour conversion, which getRGB does not reproduce for grey.
            boolean direct = source.getWidth() == side && source.getHeight() == side && isRgb(source.getType());
            return normalized(direct ? source : resized(source, side), model);
        }
    }

    private static void close(ImageInputStream in, ImageReader reader) {
        if (reader != null) {
            reader.dispose();
        }
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // A stream over a byte array: nothing to release.
            }
        }
    }

    private static boolean isRgb(int type) {
        return type == BufferedImage.TYPE_3BYTE_BGR || type == BufferedImage.TYPE_INT_RGB
                || type == BufferedImage.TYPE_INT_ARGB || type == BufferedImage.TYPE_4BYTE_ABGR;
    }

    /** Over white, shorter side to {@code side}, centre crop: 3-byte BGR. */
    static BufferedImage resized(BufferedImage source, int side) {
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
        return rgb;
    }

    /** {@code (x/255 - mean) / std} per channel, NCHW, in one pass over the pixels. */
    static float[] normalized(BufferedImage image, ModelMetadata model) {
        int plane = image.getWidth() * image.getHeight();
        float[] scale = new float[3];
        float[] offset = new float[3];
        for (int c = 0; c < 3; c++) {
            scale[c] = 1f / (255f * model.std()[c]);
            offset[c] = -model.mean()[c] / model.std()[c];
        }
        float[] out = new float[3 * plane];
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) { // JPEG's decoded type, and what resized() draws
            byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < plane; i++) {
                for (int c = 0; c < 3; c++) {
                    out[c * plane + i] = (bgr[i * 3 + 2 - c] & 0xff) * scale[c] + offset[c];
                }
            }
            return out;
        }
        // The other RGB layouts, alpha composited over white.
        int[] argb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            int alpha = p >>> 24;
            for (int c = 0; c < 3; c++) {
                int v = (p >> (16 - 8 * c)) & 0xff;
                float over = (alpha * v + (255 - alpha) * 255) / 255f;
                out[c * plane + i] = over * scale[c] + offset[c];
            }
        }
        return out;
    }
}
