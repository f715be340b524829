package io.semisup.training.data;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;

/**
 * Turns any image ImageIO reads (grayscale, RGBA, palette, any size) into RGB, downscaled so that its shorter side is
 * at most {@code maxSide}: augmentation crops from it, and keeping thousands of full-size photos in memory would not fit.
 * Transparent pixels are composed over white.
 */
public final class ImageDecoder {

    private final int maxSide;

    public ImageDecoder(int maxSide) {
        this.maxSide = maxSide;
    }

    public RgbImage decode(InputStream in, String name) throws IOException {
        BufferedImage source = ImageIO.read(in);
        if (source == null) {
            throw new IOException(name + ": not an image ImageIO can read");
        }
        return toRgb(source);
    }

    public RgbImage toRgb(BufferedImage source) {
        double scale = Math.min(1.0, (double) maxSide / Math.min(source.getWidth(), source.getHeight()));
        int w = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(source.getHeight() * scale));
        BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = rgb.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.drawImage(source, 0, 0, w, h, null);
        g.dispose();
        byte[] bgr = ((java.awt.image.DataBufferByte) rgb.getRaster().getDataBuffer()).getData();
        byte[] out = new byte[bgr.length];
        for (int i = 0; i < bgr.length; i += 3) {
            out[i] = bgr[i + 2];
            out[i + 1] = bgr[i + 1];
            out[i + 2] = bgr[i];
        }
        return new RgbImage(w, h, out);
    }
}
