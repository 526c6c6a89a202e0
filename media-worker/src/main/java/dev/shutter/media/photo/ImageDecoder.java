package dev.shutter.media.photo;

import dev.shutter.contracts.media.MediaType;
import com.luciad.imageio.webp.WebPImageReaderSpi;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes JPEG, PNG and WebP with ImageIO after checking the header's dimensions against
 * {@link PixelLimits}, so a decompression bomb is refused before its pixels are allocated.
 */
final class ImageDecoder {

    private ImageDecoder() {}

    static BufferedImage decode(Path file, MediaType kind) throws MediaRejectedException, IOException {
        ImageReader reader = readerFor(kind);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new IOException("cannot open " + file);
            }
            // Metadata is ignored here: orientation is read separately, and nothing else is kept.
            reader.setInput(in, true, true);
            int width;
            int height;
            try {
                width = reader.getWidth(0);
                height = reader.getHeight(0);
            } catch (IOException | RuntimeException e) {
                throw corrupt(e);
            }
            PixelLimits.check(width, height);

            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            BufferedImage image;
            try {
                image = reader.read(0, reader.getDefaultReadParam());
            } catch (IIOException e) {
                if (kind == MediaType.JPEG && isUnsupportedColourModel(e)) {
                    image = CmykJpeg.toRgb(readRaster(reader));
                } else {
                    throw corrupt(e);
                }
            } catch (IOException | RuntimeException e) {
                throw corrupt(e);
            }
            // The JPEG decoder fills a cut-off scan with grey and only warns; a half-grey photo
            // published as if nothing happened is worse than a clear rejection.
            for (String warning : warnings) {
                String lower = warning.toLowerCase(Locale.ROOT);
                if (lower.contains("premature") || lower.contains("truncated")) {
                    throw new MediaRejectedException("corrupt or truncated image: " + warning);
                }
            }
            if (image == null) {
                throw new MediaRejectedException("corrupt or truncated image: no pixels decoded");
            }
            return image;
        } finally {
            reader.dispose();
        }
    }

    private static Raster readRaster(ImageReader reader) throws MediaRejectedException {
        try {
            return reader.readRaster(0, null);
        } catch (IOException | RuntimeException e) {
            throw corrupt(e);
        }
    }

    private static boolean isUnsupportedColourModel(IIOException e) {
        return e.getMessage() != null && e.getMessage().contains("Unsupported Image Type");
    }

    /** The reader is chosen from the sniffed kind, never by ImageIO probing, so bytes decide, not plugins. */
    private static ImageReader readerFor(MediaType kind) throws IOException {
        return switch (kind) {
            // Created directly: the ImageIO registry may not see the WebP plugin under another class loader.
            case WEBP -> new WebPImageReaderSpi().createReaderInstance(null);
            case JPEG -> firstReader("jpeg");
            case PNG -> firstReader("png");
            default -> throw new IllegalArgumentException("not decodable by ImageIO: " + kind);
        };
    }

    private static ImageReader firstReader(String format) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IOException("no ImageIO reader for " + format);
        }
        return readers.next();
    }

    static MediaRejectedException corrupt(Throwable cause) {
        String detail = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        return new MediaRejectedException("corrupt or truncated image: " + detail, cause);
    }
}
