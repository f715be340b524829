package io.semisup.dataset;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small images and archives made on the spot: every call gives different bytes. */
final class TestImages {

    private static final AtomicInteger SEED = new AtomicInteger();

    private TestImages() {
    }

    static byte[] image(String format, int width, int height) {
        int seed = SEED.incrementAndGet();
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(seed * 7919 & 0xffffff));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.drawString(Integer.toString(seed), 1, Math.min(height, 12));
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] png() {
        return image("png", 16, 16);
    }

    static byte[] jpeg() {
        return image("jpg", 16, 16);
    }

    static byte[] truncatedJpeg() {
        byte[] jpeg = image("jpg", 64, 64);
        return Arrays.copyOf(jpeg, jpeg.length / 2);
    }

    static Map<String, byte[]> entries(Object... nameThenBytes) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < nameThenBytes.length; i += 2) {
            entries.put((String) nameThenBytes[i], (byte[]) nameThenBytes[i + 1]);
        }
        return entries;
    }

    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A tar.gz; an entry whose bytes are null is a symbolic link to /etc/passwd. */
    static byte[] tarGz(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                TarArchiveEntry tarEntry;
                if (entry.getValue() == null) {
                    tarEntry = new TarArchiveEntry(entry.getKey(), TarConstants.LF_SYMLINK);
                    tarEntry.setLinkName("/etc/passwd");
                    tar.putArchiveEntry(tarEntry);
                } else {
                    tarEntry = new TarArchiveEntry(entry.getKey());
                    tarEntry.setSize(entry.getValue().length);
                    tar.putArchiveEntry(tarEntry);
                    tar.write(entry.getValue());
                }
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
