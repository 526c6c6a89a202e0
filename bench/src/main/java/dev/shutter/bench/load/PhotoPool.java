package dev.shutter.bench.load;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Small real photos for uploads: JPEGs drawn with gradients and shapes (so the encoder has work
 * and the media worker decodes, resizes and encodes real pixels), made once and reused; keys are
 * per media item, so the same bytes under two posts are two objects.
 */
public final class PhotoPool {

    private final List<byte[]> photos = new ArrayList<>();

    public PhotoPool(int count, int width, int height, Random random) {
        System.setProperty("java.awt.headless", "true");
        for (int i = 0; i < count; i++) {
            photos.add(draw(width, height, random));
        }
    }

    public byte[] pick(Random random) {
        return photos.get(random.nextInt(photos.size()));
    }

    private static byte[] draw(int width, int height, Random random) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, randomColor(random), width, height, randomColor(random)));
        g.fillRect(0, 0, width, height);
        for (int s = 0; s < 12; s++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256), 160));
            int w = 20 + random.nextInt(width / 3);
            int h = 20 + random.nextInt(height / 3);
            if (random.nextBoolean()) {
                g.fillOval(random.nextInt(width), random.nextInt(height), w, h);
            } else {
                g.fillRect(random.nextInt(width), random.nextInt(height), w, h);
            }
        }
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "jpg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Color randomColor(Random random) {
        return new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
    }
}
