package io.semisup.training.data;

/** A decoded image, packed RGB bytes row by row, kept in memory for the whole run. */
public record RgbImage(int width, int height, byte[] rgb) {


    public int channel(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xff;
    }
}
