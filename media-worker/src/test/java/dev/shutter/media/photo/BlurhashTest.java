package dev.shutter.media.photo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class BlurhashTest {

    private static final String ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~";

    @Test
    void solidWhiteEncodesToItsKnownPrefixAndDecodesBackToWhite() {
        // Worked from the spec: size flag (4-1)+(3-1)*9 = 21 → "L"; DC 0xFFFFFF in four base-83 digits → "TSUA".
        // The reference samples cosines at x/width (not pixel centres), so even a solid image has small AC terms.
        String hash = Blurhash.encode(solid(new Color(255, 255, 255), 20, 10), 4, 3);
        assertEquals("L", hash.substring(0, 1));
        assertEquals("TSUA", hash.substring(2, 6));
        // Decoded with the reference decoder, the picture averages back to white.
        long[] sum = new long[3];
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 20; x++) {
                int rgb = decodePixel(hash, x, y, 20, 10);
                sum[0] += rgb >> 16;
                sum[1] += (rgb >> 8) & 0xFF;
                sum[2] += rgb & 0xFF;
            }
        }
        for (long channel : sum) {
            assertTrue(channel / 200 > 240, hash + " averages to " + channel / 200);
        }
    }

    @Test
    void solidColourEncodesItsColourAsDc() {
        String hash = Blurhash.encode(solid(new Color(0x12, 0x34, 0x56), 16, 16), 4, 3);
        int dc = 0;
        for (char c : hash.substring(2, 6).toCharArray()) {
            dc = dc * 83 + ALPHABET.indexOf(c);
        }
        assertEquals(0x123456, dc);
    }

    @Test
    void structuredImageHasAcComponentsAndTheStandardShape() {
        BufferedImage image = solid(Color.BLUE, 32, 24);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.YELLOW);
        g.fillRect(0, 0, 16, 24);
        g.dispose();
        String hash = Blurhash.encode(image, 4, 3);
        assertEquals(28, hash.length());
        assertEquals(Blurhash.length(4, 3), hash.length());
        assertEquals('L', hash.charAt(0));
        assertNotEquals('0', hash.charAt(1));
        assertTrue(hash.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0), hash);
    }

    /** The reference decoder, for one pixel: proves the hash is readable by any standard client. */
    private static int decodePixel(String hash, int x, int y, int width, int height) {
        int sizeFlag = ALPHABET.indexOf(hash.charAt(0));
        int nx = sizeFlag % 9 + 1;
        int ny = sizeFlag / 9 + 1;
        double maximum = (ALPHABET.indexOf(hash.charAt(1)) + 1) / 166.0;
        double r = 0, g = 0, b = 0;
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                int k = j * nx + i;
                double basis = Math.cos(Math.PI * x * i / width) * Math.cos(Math.PI * y * j / height);
                double[] c;
                if (k == 0) {
                    int dc = decode83(hash.substring(2, 6));
                    c = new double[] {toLinear(dc >> 16), toLinear((dc >> 8) & 0xFF), toLinear(dc & 0xFF)};
                } else {
                    int ac = decode83(hash.substring(4 + k * 2, 6 + k * 2));
                    c = new double[] {unquantise(ac / 361, maximum), unquantise((ac / 19) % 19, maximum),
                            unquantise(ac % 19, maximum)};
                }
                r += c[0] * basis;
                g += c[1] * basis;
                b += c[2] * basis;
            }
        }
        return (toSrgb(r) << 16) | (toSrgb(g) << 8) | toSrgb(b);
    }

    private static double unquantise(int q, double maximum) {
        double v = (q - 9) / 9.0;
        return Math.copySign(v * v, v) * maximum;
    }

    private static int decode83(String s) {
        int value = 0;
        for (char c : s.toCharArray()) {
            value = value * 83 + ALPHABET.indexOf(c);
        }
        return value;
    }

    private static double toLinear(int v) {
        double c = v / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static int toSrgb(double linear) {
        double v = Math.max(0, Math.min(1, linear));
        return (int) Math.round((v <= 0.0031308 ? v * 12.92 : 1.055 * Math.pow(v, 1 / 2.4) - 0.055) * 255);
    }

    private static BufferedImage solid(Color colour, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }
}
