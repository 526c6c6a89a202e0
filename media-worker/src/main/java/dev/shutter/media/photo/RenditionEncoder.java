package dev.shutter.media.photo;

import com.luciad.imageio.webp.WebPImageWriterSpi;
import com.luciad.imageio.webp.WebPWriteParam;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Writes pixels as WebP, JPEG or PNG for the pure-Java engine and the video poster. Every writer
 * is handed null metadata, so no EXIF, XMP or GPS from the upload can reach an output: only the
 * pixels cross over. The qualities here are the only ones: the libvips engine ({@link VipsPhotos})
 * derives its Q values from them. Public for WebP only, for the video poster.
 */
public final class RenditionEncoder {

    static final float WEBP_QUALITY = 0.82f;
    static final float JPEG_QUALITY = 0.85f;
    static final float ORIGINAL_JPEG_QUALITY = 0.92f;

    private RenditionEncoder() {}

    public static byte[] webp(BufferedImage image) throws IOException {
        // Created directly: the ImageIO registry may not see the WebP plugin under another class loader.
        ImageWriter writer = new WebPImageWriterSpi().createWriterInstance(null);
        WebPWriteParam param = (WebPWriteParam) writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionType(param.getCompressionTypes()[WebPWriteParam.LOSSY_COMPRESSION]);
        param.setCompressionQuality(WEBP_QUALITY);
        return write(writer, image, param);
    }

    /** JPEG has no alpha: transparent areas become white, as they look on a white feed. */
    static byte[] jpeg(BufferedImage image, float quality) throws IOException {
        ImageWriter writer = firstWriter("jpeg");
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        return write(writer, opaque(image), param);
    }

    static byte[] png(BufferedImage image) throws IOException {
        ImageWriter writer = firstWriter("png");
        return write(writer, image, writer.getDefaultWriteParam());
    }

    static BufferedImage opaque(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) {
            return image;
        }
        BufferedImage flat = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = flat.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, flat.getWidth(), flat.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return flat;
    }

    private static byte[] write(ImageWriter writer, BufferedImage image, ImageWriteParam param) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static ImageWriter firstWriter(String format) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
        if (!writers.hasNext()) {
            throw new IOException("no ImageIO writer for " + format);
        }
        return writers.next();
    }
}
