package io.semisup.inference.classify;

import io.semisup.inference.serving.ModelMetadata;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Images already at the model's size skip Java2D: what they give must be what drawing them over white at that size
 * gives (within one grey level: Java2D rounds its compositing), for each colour model a client may send.
 */
class ImagePreprocessorTest {

    private static final int SIDE = 8;
    private static final ModelMetadata MODEL = new ModelMetadata("m", "fixmatch", "d", "v1", "j", List.of("a", "b"),
            "image", "classes", SIDE, new float[]{0.5f, 0.4f, 0.3f}, new float[]{0.5f, 0.25f, 0.2f});
    /** One grey level after normalisation, for the smallest std. */
    private static final float LEVEL = 1 / (255f * 0.2f);

    @Test
    void imagesAtTheModelsSizeSkipJava2dAndGiveTheSameTensor() throws IOException {
        for (int type : new int[]{BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_RGB,
                BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_4BYTE_ABGR}) {
            BufferedImage image = random(type, SIDE, SIDE);
            assertClose(ImagePreprocessor.normalized(ImagePreprocessor.resized(image, SIDE), MODEL),
                    ImagePreprocessor.normalized(image, MODEL), "type " + type);
        }
    }

    @Test
    void decodedImagesGiveWhatJava2dGives() throws IOException {
        for (String format : new String[]{"png", "jpg", "grey png"}) {
            BufferedImage image = random(format.startsWith("grey") ? BufferedImage.TYPE_BYTE_GRAY
                    : BufferedImage.TYPE_3BYTE_BGR, SIDE, SIDE);
            byte[] bytes = encode(image, format.replace("grey ", ""));
            BufferedImage decoded = ImageIO.read(new java.io.ByteArrayInputStream(bytes));
            assertClose(ImagePreprocessor.normalized(ImagePreprocessor.resized(decoded, SIDE), MODEL),
                    ImagePreprocessor.toTensor(bytes, MODEL, 1_000_000), format);
        }
        // A larger image is resized and cropped: a tensor of the model's size.
        byte[] large = encode(random(BufferedImage.TYPE_3BYTE_BGR, 3 * SIDE, 2 * SIDE), "png");
        assertEquals(3 * SIDE * SIDE, ImagePreprocessor.toTensor(large, MODEL, 1_000_000).length);
    }

    private static BufferedImage random(int type, int width, int height) {
        Random random = new Random(type);
        BufferedImage image = new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt()); // alpha too, where the type has it
            }
        }
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1.01f * LEVEL, what + " at " + i);
        }
    }
}
