package io.semisup.dataset.image;

import io.semisup.dataset.DatasetConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ClientErrorException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decodes every image before it is stored, so training never meets a broken file. Size limits are checked first
 * (bytes, then pixels from the header, before any bitmap is allocated); then the whole image is decoded, and any
 * decoder warning (e.g. a JPEG that ends early, which ImageIO would otherwise fill with grey) is a refusal.
 */
@ApplicationScoped
public class ImageValidator {

    public static final int TOO_LARGE = 413;
    public static final int NOT_AN_IMAGE = 415;
    public static final int CORRUPT = 422;

    private static final Set<String> FORMATS = Set.of("jpeg", "png", "bmp", "gif");

    private final DatasetConfig config;

    public ImageValidator(DatasetConfig config) {
        this.config = config;
        ImageIO.setUseCache(false);
    }

    public record ValidImage(String format, int width, int height) {
    }

    /** @throws ClientErrorException 413, 415 or 422 with the reason */
    public ValidImage validate(byte[] bytes) {
        checkSize(bytes.length);
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ClientErrorException("not an image: expected JPEG, PNG, BMP or GIF", NOT_AN_IMAGE);
            }
            ImageReader reader = readers.next();
            try {
                return decode(reader, in);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new ClientErrorException("cannot read the image: " + e.getMessage(), CORRUPT);
        }
    }

    public void checkSize(long bytes) {
        if (bytes > config.maxImageBytes()) {
            throw new ClientErrorException("image is " + bytes + " bytes, the limit is " + config.maxImageBytes(),
                    TOO_LARGE);
        }
    }

    /** Reads a stream whole, but refuses it (413) as soon as it passes the byte limit. */
    public byte[] readAtMost(InputStream in) throws IOException {
        long limit = config.maxImageBytes();
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (bytes.length > limit) {
            throw new ClientErrorException("image is more than " + limit + " bytes, the limit", TOO_LARGE);
        }
        return bytes;
    }

    private ValidImage decode(ImageReader reader, ImageInputStream in) throws IOException {
        String format = reader.getFormatName().toLowerCase(Locale.ROOT).replace("jpg", "jpeg");
        if (!FORMATS.contains(format)) {
            throw new ClientErrorException(format + " images are not accepted: expected JPEG, PNG, BMP or GIF",
                    NOT_AN_IMAGE);
        }
        try {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if ((long) width * height > config.maxImagePixels()) {
                throw new ClientErrorException("image is " + width + "x" + height + " pixels, the limit is "
                        + config.maxImagePixels() + " pixels", TOO_LARGE);
            }
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            reader.read(0);
            if (!warnings.isEmpty()) {
                throw new ClientErrorException("corrupt or truncated " + format + ": " + warnings.get(0), CORRUPT);
            }
            return new ValidImage(format, width, height);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ClientErrorException refusal) {
                throw refusal;
            }
            throw new ClientErrorException("corrupt or truncated " + format + ": " + e.getMessage(), CORRUPT);
        }
    }
}
