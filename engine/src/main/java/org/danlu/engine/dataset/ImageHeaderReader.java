package org.danlu.engine.dataset;

import java.awt.Dimension;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.apache.commons.imaging.FormatCompliance;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.bytesource.ByteSource;
import org.apache.commons.imaging.formats.tiff.TiffContents;
import org.apache.commons.imaging.formats.tiff.TiffField;
import org.apache.commons.imaging.formats.tiff.TiffReader;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;

/**
 * Reads an image's size and EXIF orientation from its first bytes, never decoding pixels.
 * One read of at most {@link #PREFIX} bytes plus one small read of the file's tail (truncation
 * check) per image. Commons Imaging reads PNG and BMP sizes from that prefix (the file itself only
 * when a header is bigger); for a JPEG, {@link JpegSegments} first walks segment headers to the frame
 * header, however much EXIF thumbnail or ICC profile lies before it, and Commons reads the size from
 * that. 8 KiB holds nearly every PNG and WebP header; reading 64 KiB made the scan three times slower.
 */
public final class ImageHeaderReader {

    static final int PREFIX = 8 * 1024;
    private static final int TAIL = 512;
    /** Deflate never compresses better than 1032:1, so a PNG can't hold more raw bytes than this. */
    private static final long DEFLATE_MAX_RATIO = 1032;

    /** A header, or null with error findings; warnings may come with a header. */
    public record Result(ImageHeader header, List<Finding> findings, long fileSize) {
    }

    /** Reads the header; the file size comes from the open file (one stat less per image). */
    public Result read(Path file) {
        return read(file, -1);
    }

    /** Reads the header of a file whose size is known ({@code -1}: ask the open file). */
    public Result read(Path file, long knownSize) {
        List<Finding> out = new ArrayList<>();
        long fileSize = knownSize;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (fileSize < 0) {
                fileSize = ch.size();
            }
            if (fileSize == 0) {
                out.add(Finding.error("zero-byte", file, "the image file is empty (0 bytes)",
                        "delete it or copy the image again"));
                return new Result(null, out, 0L);
            }
            byte[] prefix = new byte[(int) Math.min(PREFIX, fileSize)];
            int len = readFully(ch, ByteBuffer.wrap(prefix), 0);
            HeaderBytes bytes = new HeaderBytes(ch, prefix, len, fileSize);
            return new Result(parse(file, bytes, prefix, len, out), out, fileSize);
        } catch (AccessDeniedException e) {
            out.add(Finding.error("permission-denied", file, "permission denied reading the image",
                    "chmod a+r the file"));
        } catch (java.nio.file.FileSystemException e) {
            out.add(Finding.ofFileSystem(file, e, "image"));
        } catch (IOException e) {
            out.add(Finding.error("unreadable-image", file, "cannot read the image: " + e.getMessage(),
                    "check the disk and copy the image again"));
        }
        return new Result(null, out, Math.max(0, fileSize));
    }

    private ImageHeader parse(Path file, HeaderBytes bytes, byte[] prefix, int len, List<Finding> out) {
        long fileSize = bytes.size();
        var magic = ImageFormat.ofMagic(prefix, len);
        if (magic.isEmpty()) {
            out.add(Finding.error("corrupt-image", file, "not an image: the content is no PNG, JPEG, WebP or BMP",
                    "re-export the image or remove it"));
            return null;
        }
        ImageFormat format = magic.get();
        ImageFormat byName = ImageFormat.ofFileName(file.getFileName().toString()).orElse(format);
        if (byName != format) {
            out.add(Finding.warning("format-mismatch", file, "the content is " + format.lowerName()
                    + " but the extension says " + byName.lowerName(), "rename it to ." + format.lowerName()));
        }
        try {
            byte[] tail = bytes.read(Math.max(0, fileSize - TAIL), (int) Math.min(TAIL, fileSize));
            ImageHeader header = format == ImageFormat.WEBP
                    ? webp(file, bytes, prefix, len, out)
                    : commonsImaging(file, format, bytes, prefix, len, tail, out);
            if (header != null && (header.width() <= 0 || header.height() <= 0)) {
                out.add(Finding.error("zero-size-image", file, "the header says the image is "
                        + header.width() + "x" + header.height() + " pixels", "re-export the image or remove it"));
                return null;
            }
            return header;
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            out.add(Finding.error("corrupt-image", file, "unreadable " + format.lowerName() + " header: " + why,
                    "re-export the image or remove it"));
            return null;
        }
    }

    private ImageHeader commonsImaging(Path file, ImageFormat format, HeaderBytes bytes, byte[] prefix, int len,
                                       byte[] tail, List<Finding> out) throws IOException {
        long fileSize = bytes.size();
        if (format == ImageFormat.PNG && !pngHeaderTrustworthy(file, prefix, len, fileSize, out)) {
            return null;
        }
        JpegSegments jpeg = format == ImageFormat.JPEG ? JpegSegments.walk(bytes) : null;
        Dimension d;
        if (jpeg != null) {
            if (jpeg.frameBytes() == null) {
                throw new IOException("no frame header (SOF) before the image data");
            }
            d = Imaging.getImageSize(jpeg.frameBytes()); // Commons reads the size from the located frame header
        } else {
            try {
                d = Imaging.getImageSize(len == prefix.length ? prefix : Arrays.copyOf(prefix, len));
            } catch (IOException | RuntimeException e) {
                if (fileSize <= len) {
                    throw e;
                }
                d = Imaging.getImageSize(ByteSource.path(file)); // header larger than the prefix
            }
        }
        if (format == ImageFormat.JPEG && !contains(tail, (byte) 0xFF, (byte) 0xD9)) {
            out.add(Finding.error("truncated-image", file, "the JPEG has no end-of-image marker: it is truncated",
                    "copy the image again from its source or remove it"));
            return null;
        }
        if (format == ImageFormat.PNG && !endsWithIend(tail)) {
            out.add(Finding.error("truncated-image", file, "the PNG does not end with an IEND chunk: it is truncated",
                    "copy the image again from its source or remove it"));
            return null;
        }
        int orientation = 1;
        byte[] exif = jpeg != null ? jpeg.exif() : format == ImageFormat.PNG ? ExifLocator.png(bytes) : null;
        if (exif != null) {
            orientation = orientation(exif);
        }
        return new ImageHeader(format, d.width, d.height, orientation);
    }

    /** IHDR checks that catch a PNG whose header lies about its content, before anything trusts it. */
    private static boolean pngHeaderTrustworthy(Path file, byte[] p, int len, long fileSize, List<Finding> out) {
        if (len < 33 || p[12] != 'I' || p[13] != 'H' || p[14] != 'D' || p[15] != 'R') {
            out.add(Finding.error("corrupt-image", file, "the PNG has no IHDR header chunk",
                    "re-export the image or remove it"));
            return false;
        }
        CRC32 crc = new CRC32();
        crc.update(p, 12, 17);
        long stored = ByteBuffer.wrap(p, 29, 4).getInt() & 0xffffffffL;
        long w = ByteBuffer.wrap(p, 16, 4).getInt() & 0xffffffffL;
        long h = ByteBuffer.wrap(p, 20, 4).getInt() & 0xffffffffL;
        if (crc.getValue() != stored) {
            out.add(Finding.error("png-lying-header", file, "the PNG header checksum is wrong (it claims "
                    + w + "x" + h + ")", "re-export the image or remove it"));
            return false;
        }
        int bitDepth = p[24] & 0xff;
        int channels = switch (p[25]) {
            case 2 -> 3;
            case 4 -> 2;
            case 6 -> 4;
            default -> 1;
        };
        long rowBytes = (w * bitDepth * channels + 7) / 8 + 1;
        if (w > 0 && h > 0 && rowBytes * h / DEFLATE_MAX_RATIO > fileSize) {
            out.add(Finding.error("png-lying-header", file, "the PNG header claims " + w + "x" + h
                    + " pixels, more than a " + fileSize + "-byte file can hold", "re-export the image or remove it"));
            return false;
        }
        return true;
    }

    private static ImageHeader webp(Path file, HeaderBytes bytes, byte[] prefix, int len, List<Finding> out)
            throws IOException {
        WebpHeader.Parsed p = WebpHeader.parse(prefix, len, bytes.size());
        if (p.truncated()) {
            out.add(Finding.error("truncated-image", file, "the WebP file is shorter than its RIFF header says: it is truncated",
                    "copy the image again from its source or remove it"));
            return null;
        }
        byte[] exif = p.exif() != null ? p.exif() : p.mayHaveExif() ? ExifLocator.webp(bytes) : null;
        return new ImageHeader(ImageFormat.WEBP, p.width(), p.height(), exif == null ? 1 : orientation(exif));
    }

    /** EXIF orientation 1..8 from a raw TIFF block, via Commons Imaging; 1 when absent or unreadable. */
    static int orientation(byte[] tiff) {
        try {
            TiffContents c = new TiffReader(false).readFirstDirectory(ByteSource.array(tiff), false,
                    FormatCompliance.getDefault());
            TiffField f = c.directories.isEmpty() ? null
                    : c.directories.get(0).findField(TiffTagConstants.TIFF_TAG_ORIENTATION);
            int v = f == null ? 1 : f.getIntValue();
            return v >= 1 && v <= 8 ? v : 1;
        } catch (IOException | RuntimeException e) {
            return 1; // a broken EXIF block does not stop training; the image shows as stored
        }
    }

    private static boolean endsWithIend(byte[] tail) {
        int n = tail.length;
        return n >= 8 && tail[n - 8] == 'I' && tail[n - 7] == 'E' && tail[n - 6] == 'N' && tail[n - 5] == 'D';
    }

    private static boolean contains(byte[] a, byte x, byte y) {
        for (int i = 0; i + 1 < a.length; i++) {
            if (a[i] == x && a[i + 1] == y) {
                return true;
            }
        }
        return false;
    }

    static int readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        int total = 0;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
