package dev.shutter.media.photo;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;

/**
 * CMYK JPEGs (print exports) that ImageIO refuses to turn into an image: their raw raster is
 * converted naively to RGB. No CMYK ICC profile is applied, so colours are close, not exact.
 */
final class CmykJpeg {

    private CmykJpeg() {}

    static BufferedImage toRgb(Raster raster) throws MediaRejectedException {
        if (raster.getNumBands() != 4) {
            throw new MediaRejectedException("corrupt or truncated image: unsupported colour model with "
                    + raster.getNumBands() + " bands");
        }
        int width = raster.getWidth();
        int height = raster.getHeight();
        BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width * 4];
        int[] out = new int[width];
        for (int y = 0; y < height; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, width, 1, row);
            for (int x = 0; x < width; x++) {
                // Adobe writes CMYK inverted (255 = no ink), which is what nearly every CMYK JPEG is.
                int c = row[x * 4], m = row[x * 4 + 1], ye = row[x * 4 + 2], k = row[x * 4 + 3];
                int r = c * k / 255;
                int g = m * k / 255;
                int b = ye * k / 255;
                out[x] = (r << 16) | (g << 8) | b;
            }
            rgb.setRGB(0, y, width, 1, out, 0, width);
        }
        return rgb;
    }
}
