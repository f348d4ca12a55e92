package org.danlu.app.tui.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.common.ImageMetadata;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.apache.commons.imaging.formats.tiff.TiffField;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;

/**
 * Decodes an image for the preview: JDK ImageIO with the TwelveMonkeys plugins on the classpath
 * (CMYK and odd JPEGs, WebP), then the EXIF orientation applied so the preview shows the image the
 * way the trainer will (upright). Failures become an {@link IOException} whose message is the
 * reason shown in the placeholder.
 */
public final class ImageDecoder {
    private ImageDecoder() {
    }

    public static BufferedImage decode(Path file) throws IOException {
        return decode(file, 0);
    }

    /** Decodes with a known EXIF orientation (from the dataset scan); 0 reads it from the file. */
    public static BufferedImage decode(Path file, int knownOrientation) throws IOException {
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot decode: " + reason(e), e);
        }
        if (img == null) {
            throw new IOException("not an image format Danlu can read");
        }
        return orient(toRgb(img), knownOrientation > 0 ? knownOrientation : orientation(file));
    }

    /** EXIF orientation 1..8 of a JPEG, 1 when absent or unreadable (the preview then shows it as stored). */
    public static int orientation(Path file) {
        String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!(n.endsWith(".jpg") || n.endsWith(".jpeg"))) {
            return 1;
        }
        try {
            ImageMetadata md = Imaging.getMetadata(file.toFile());
            if (md instanceof JpegImageMetadata jpeg) {
                TiffField f = jpeg.findExifValueWithExactMatch(TiffTagConstants.TIFF_TAG_ORIENTATION);
                if (f != null) {
                    int o = f.getIntValue();
                    return o >= 1 && o <= 8 ? o : 1;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Broken metadata does not stop the preview; the dataset lint reports it.
        }
        return 1;
    }

    /**
     * Applies an EXIF orientation: 1 as stored, 2 mirrored, 3 rotated 180°, 4 flipped, 5 transposed,
     * 6 rotated 90° clockwise, 7 transversed, 8 rotated 90° counter-clockwise. Each case says which
     * source pixel lands at output (x, y).
     */
    public static BufferedImage orient(BufferedImage img, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return img;
        }
        int w = img.getWidth();
        int h = img.getHeight();
        boolean swap = orientation >= 5;
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> { sx = w - 1 - y; sy = x; } // 8
                }
                out.setRGB(x, y, img.getRGB(sx, sy));
            }
        }
        return out;
    }

    static BufferedImage toRgb(BufferedImage img) {
        if (img.getType() == BufferedImage.TYPE_INT_RGB) {
            return img;
        }
        BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = rgb.createGraphics();
        g.drawImage(img, 0, 0, java.awt.Color.BLACK, null);
        g.dispose();
        return rgb;
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
