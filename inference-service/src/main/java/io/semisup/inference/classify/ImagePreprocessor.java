package io.semisup.inference.classify;

import io.semisup.inference.serving.ModelMetadata;
import jakarta.ws.rs.ClientErrorException;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Does what a model's metadata asks of its input: decode (any ImageIO format: grayscale, RGBA, palette are fine),
 * RGB over white, shorter side resized to the input size, centre crop, {@code (x/255 - mean) / std}, NCHW.
 */
final class ImagePreprocessor {

    static final int NOT_AN_IMAGE = 415;
    static final int CORRUPT = 400;

    static {
        // Decode from memory: with its cache on, ImageIO spools every request's stream through a temporary file
        // (no measurable speed difference in ClassifyLoadBenchmark, but no disk writes per request).
        ImageIO.setUseCache(false);
    }

    private ImagePreprocessor() {
    }

    static float[] toTensor(byte[] bytes, ModelMetadata model) {
        BufferedImage source;
        try {
            source = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new ClientErrorException("cannot decode the image: " + e.getMessage(), CORRUPT);
        }
        if (source == null) {
            throw new ClientErrorException("not an image: expected JPEG, PNG, BMP or GIF", NOT_AN_IMAGE);
        }
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
}
