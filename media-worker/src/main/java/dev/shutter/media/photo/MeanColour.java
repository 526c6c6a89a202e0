package dev.shutter.media.photo;

import java.awt.image.BufferedImage;

/**
 * A photo's mean red, green and blue in [0, 1] (sRGB values, not linear light), to three
 * decimals: a cheap visual feature for Explore's models, taken from the 32 px copy the blurhash
 * is made from, so it costs next to nothing.
 */
public record MeanColour(float red, float green, float blue) {

    static MeanColour of(BufferedImage image) {
        long red = 0;
        long green = 0;
        long blue = 0;
        int width = image.getWidth();
        int height = image.getHeight();
        int[] pixels = image.getRGB(0, 0, width, height, null, 0, width);
        for (int pixel : pixels) {
            red += (pixel >> 16) & 0xFF;
            green += (pixel >> 8) & 0xFF;
            blue += pixel & 0xFF;
        }
        double scale = 255.0 * pixels.length;
        return new MeanColour(rounded(red / scale), rounded(green / scale), rounded(blue / scale));
    }

    private static float rounded(double value) {
        return Math.round(value * 1000) / 1000f;
    }
}
