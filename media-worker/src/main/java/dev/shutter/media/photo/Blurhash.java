package dev.shutter.media.photo;

import java.awt.image.BufferedImage;

/**
 * The standard BlurHash encoder (https://github.com/woltapp/blurhash/blob/master/Algorithm.md).
 * Callers pass a small copy of the image: the result only carries a few cosine components, so
 * encoding millions of pixels buys nothing but CPU.
 */
public final class Blurhash {

    private static final String ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~";

    private Blurhash() {}

    /** The string length for the given component counts: size flag, max AC, DC and two chars per AC. */
    public static int length(int componentsX, int componentsY) {
        return 1 + 1 + 4 + 2 * (componentsX * componentsY - 1);
    }

    public static String encode(BufferedImage image, int componentsX, int componentsY) {
        if (componentsX < 1 || componentsX > 9 || componentsY < 1 || componentsY > 9) {
            throw new IllegalArgumentException("blurhash components must be 1..9");
        }
        int width = image.getWidth();
        int height = image.getHeight();
        int[] rgb = image.getRGB(0, 0, width, height, null, 0, width);
        double[] linearR = new double[rgb.length];
        double[] linearG = new double[rgb.length];
        double[] linearB = new double[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            linearR[i] = srgbToLinear((rgb[i] >> 16) & 0xFF);
            linearG[i] = srgbToLinear((rgb[i] >> 8) & 0xFF);
            linearB[i] = srgbToLinear(rgb[i] & 0xFF);
        }

        double[][] factors = new double[componentsX * componentsY][];
        for (int j = 0; j < componentsY; j++) {
            for (int i = 0; i < componentsX; i++) {
                double normalisation = (i == 0 && j == 0) ? 1 : 2;
                double r = 0, g = 0, b = 0;
                for (int y = 0; y < height; y++) {
                    double basisY = Math.cos(Math.PI * j * y / height);
                    for (int x = 0; x < width; x++) {
                        double basis = Math.cos(Math.PI * i * x / width) * basisY;
                        int p = y * width + x;
                        r += basis * linearR[p];
                        g += basis * linearG[p];
                        b += basis * linearB[p];
                    }
                }
                double scale = normalisation / (width * height);
                factors[j * componentsX + i] = new double[] {r * scale, g * scale, b * scale};
            }
        }

        StringBuilder hash = new StringBuilder(length(componentsX, componentsY));
        base83(hash, (componentsX - 1) + (componentsY - 1) * 9, 1);
        double maximumValue;
        if (factors.length > 1) {
            double actualMaximum = 0;
            for (int k = 1; k < factors.length; k++) {
                for (double v : factors[k]) {
                    actualMaximum = Math.max(actualMaximum, Math.abs(v));
                }
            }
            int quantisedMaximum = (int) Math.max(0, Math.min(82, Math.floor(actualMaximum * 166 - 0.5)));
            maximumValue = (quantisedMaximum + 1) / 166.0;
            base83(hash, quantisedMaximum, 1);
        } else {
            maximumValue = 1;
            base83(hash, 0, 1);
        }
        double[] dc = factors[0];
        base83(hash, (linearToSrgb(dc[0]) << 16) + (linearToSrgb(dc[1]) << 8) + linearToSrgb(dc[2]), 4);
        for (int k = 1; k < factors.length; k++) {
            double[] ac = factors[k];
            int value = quantiseAc(ac[0], maximumValue) * 19 * 19
                    + quantiseAc(ac[1], maximumValue) * 19
                    + quantiseAc(ac[2], maximumValue);
            base83(hash, value, 2);
        }
        return hash.toString();
    }

    private static int quantiseAc(double value, double maximumValue) {
        double signedRoot = Math.copySign(Math.sqrt(Math.abs(value / maximumValue)), value);
        return (int) Math.max(0, Math.min(18, Math.floor(signedRoot * 9 + 9.5)));
    }

    private static double srgbToLinear(int value) {
        double v = value / 255.0;
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    private static int linearToSrgb(double value) {
        double v = Math.max(0, Math.min(1, value));
        double srgb = v <= 0.0031308 ? v * 12.92 : 1.055 * Math.pow(v, 1 / 2.4) - 0.055;
        return (int) Math.round(srgb * 255);
    }

    private static void base83(StringBuilder out, int value, int length) {
        for (int i = 1; i <= length; i++) {
            int digit = (value / (int) Math.pow(83, length - i)) % 83;
            out.append(ALPHABET.charAt(digit));
        }
    }
}
