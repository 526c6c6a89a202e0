package dev.shutter.bench.media;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * A camera-sized JPEG that compresses like a photo: smooth gradients (sky, blurred shapes), mild
 * sensor-like noise, and some hard edges and text. Pure noise would make WebP sizes meaningless,
 * a flat image would make them flattering; seeded so every run encodes the same pixels.
 */
final class PhotoLikeJpeg {

    private PhotoLikeJpeg() {}

    static void write(Path target, int width, int height, float quality) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(20261121L);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            // Sky-to-ground gradient: the large smooth areas that dominate real photos.
            g.setPaint(new GradientPaint(0, 0, new Color(90, 140, 210), 0, height, new Color(200, 170, 120)));
            g.fillRect(0, 0, width, height);
            // Soft blobs (out-of-focus objects, light falloff).
            for (int i = 0; i < 40; i++) {
                float radius = 100 + random.nextInt(700);
                float cx = random.nextInt(width);
                float cy = random.nextInt(height);
                Color centre = new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256), 170);
                g.setPaint(new RadialGradientPaint(cx, cy, radius, new float[] {0f, 1f},
                        new Color[] {centre, new Color(centre.getRed(), centre.getGreen(), centre.getBlue(), 0)}));
                g.fillOval((int) (cx - radius), (int) (cy - radius), (int) (2 * radius), (int) (2 * radius));
            }
            // Hard edges: buildings, poles, frames.
            for (int i = 0; i < 60; i++) {
                g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
                g.setStroke(new BasicStroke(2 + random.nextInt(12)));
                if (i % 2 == 0) {
                    g.drawRect(random.nextInt(width), random.nextInt(height), 50 + random.nextInt(600), 50 + random.nextInt(600));
                } else {
                    g.drawLine(random.nextInt(width), random.nextInt(height), random.nextInt(width), random.nextInt(height));
                }
            }
            // Text: signs and captions, the fine detail encoders find hardest.
            for (int i = 0; i < 30; i++) {
                g.setColor(random.nextBoolean() ? Color.WHITE : Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 24 + random.nextInt(160)));
                g.drawString("Shutter " + (1000 + random.nextInt(9000)), random.nextInt(width), random.nextInt(height));
            }
        } finally {
            g.dispose();
        }
        addNoise(image, random, 6);
        writeJpeg(image, target, quality);
    }

    /** Luminance-correlated noise of ±amplitude, like a phone sensor at moderate ISO. */
    private static void addNoise(BufferedImage image, Random random, int amplitude) {
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            int n = random.nextInt(2 * amplitude + 1) - amplitude;
            int r = clamp(((p >> 16) & 0xff) + n + random.nextInt(3) - 1);
            int gr = clamp(((p >> 8) & 0xff) + n + random.nextInt(3) - 1);
            int b = clamp((p & 0xff) + n + random.nextInt(3) - 1);
            pixels[i] = (r << 16) | (gr << 8) | b;
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private static void writeJpeg(BufferedImage image, Path target, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(target.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
