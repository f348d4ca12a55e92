package org.danlu.engine.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageHeaderReaderTest {

    @TempDir
    Path dir;

    private ImageHeaderReader.Result read(String name, byte[] bytes) throws IOException {
        Path p = TestImages.write(dir.resolve(name), bytes);
        return new ImageHeaderReader().read(p, Files.size(p));
    }

    private ImageHeader header(String name, byte[] bytes) throws IOException {
        ImageHeaderReader.Result r = read(name, bytes);
        assertNotNull(r.header(), () -> name + ": " + r.findings());
        return r.header();
    }

    private Finding onlyError(String name, byte[] bytes) throws IOException {
        ImageHeaderReader.Result r = read(name, bytes);
        assertNull(r.header(), name + " should not yield a size");
        Finding f = r.findings().stream().filter(x -> x.severity() == Severity.ERROR).findFirst().orElseThrow();
        assertEquals(dir.resolve(name), f.file(), "the finding names the file");
        assertTrue(!f.message().contains("\n") && !f.fix().isEmpty(), "one line with a fix: " + f.oneLine());
        return f;
    }

    @Test
    void sizesOfPngJpegBmpComeFromTheirHeaders() throws IOException {
        assertEquals(new ImageHeader(ImageFormat.PNG, 300, 170, 1), header("a.png", TestImages.png(300, 170)));
        assertEquals(new ImageHeader(ImageFormat.JPEG, 171, 301, 1), header("b.JPG", TestImages.jpeg(171, 301)));
        assertEquals(new ImageHeader(ImageFormat.BMP, 33, 17, 1), header("c.bmp", TestImages.encode(33, 17, "bmp", 1)));
    }

    @Test
    void webpSizesFromVp8Vp8lAndVp8xHeaders() throws IOException {
        // Sizes chosen to use the high bits of each field: 14 bits for VP8/VP8L, 24 bits for VP8X.
        assertEquals(new ImageHeader(ImageFormat.WEBP, 1000, 700, 1), header("a.webp", TestImages.webpVp8(1000, 700)));
        assertEquals(new ImageHeader(ImageFormat.WEBP, 16383, 3, 1), header("b.webp", TestImages.webpVp8l(16383, 3)));
        assertEquals(new ImageHeader(ImageFormat.WEBP, 20000, 512, 1), header("c.webp", TestImages.webpVp8x(20000, 512, 0)));
    }

    @Test
    void exifOrientationFromJpegPngAndWebp() throws IOException {
        ImageHeader j = header("j.jpg", TestImages.jpegWithOrientation(200, 100, 6));
        assertEquals(6, j.orientation());
        assertEquals(200, j.width(), "stored size stays as in the header");
        assertTrue(j.swapsAxes());
        assertEquals(8, header("p.png", TestImages.pngWithOrientation(120, 80, 8)).orientation());
        assertEquals(3, header("w.webp", TestImages.webpVp8x(64, 32, 3)).orientation());
        assertEquals(1, header("plain.jpg", TestImages.jpeg(50, 40)).orientation());
    }

    @Test
    void zeroByteFile() throws IOException {
        assertEquals("zero-byte", onlyError("empty.png", new byte[0]).kind());
    }

    @Test
    void truncatedJpeg() throws IOException {
        byte[] jpg = TestImages.jpeg(400, 300);
        assertEquals("truncated-image", onlyError("cut.jpg", Arrays.copyOf(jpg, jpg.length * 2 / 3)).kind());
    }

    @Test
    void truncatedPngAndWebp() throws IOException {
        byte[] png = TestImages.png(400, 300);
        assertEquals("truncated-image", onlyError("cut.png", Arrays.copyOf(png, png.length - 20)).kind());
        byte[] webp = TestImages.webpVp8(400, 300);
        assertEquals("truncated-image", onlyError("cut.webp", Arrays.copyOf(webp, webp.length - 6)).kind());
    }

    @Test
    void pngWithLyingHeader() throws IOException {
        // A valid checksum but 60000x60000 pixels: at deflate's best ratio (1032:1) that needs
        // 60000*60001*3/1032 bytes ≈ 10 MB, far more than this file of a few hundred bytes.
        assertEquals("png-lying-header", onlyError("huge.png", TestImages.pngHeaderOnly(60000, 60000)).kind());
        byte[] png = TestImages.png(40, 30);
        png[17] ^= 0x01; // width changed without fixing the IHDR CRC
        assertEquals("png-lying-header", onlyError("crc.png", png).kind());
    }

    @Test
    void zeroByZeroImage() throws IOException {
        Finding f = onlyError("zero.png", TestImages.pngHeaderOnly(0, 0));
        assertTrue(f.kind().equals("zero-size-image") || f.kind().equals("corrupt-image"), f.oneLine());
        assertEquals("zero-size-image", onlyError("zero.webp", TestImages.webpVp8(0, 5)).kind());
    }

    @Test
    void garbageAndMismatchedContent() throws IOException {
        assertEquals("corrupt-image", onlyError("text.png", "hello, I am not a picture".getBytes()).kind());
        ImageHeaderReader.Result r = read("really-jpeg.png", TestImages.jpeg(64, 48));
        assertEquals(ImageFormat.JPEG, r.header().format());
        assertEquals("format-mismatch", r.findings().get(0).kind());
    }

    @Test
    void jpegWhoseExifIsLargerThanThePrefixStillReadsSizeAndOrientation() throws IOException {
        byte[] jpg = TestImages.jpegWithOrientation(90, 60, 6);
        // A 70 KB APP2 segment between the Exif and the frame header pushes SOF past the 64 KiB prefix.
        byte[] filler = new byte[65000];
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(jpg.length + 4 + filler.length);
        int afterExif = 2 + 2 + ((jpg[4] & 0xff) << 8 | (jpg[5] & 0xff));
        b.put(jpg, 0, afterExif).put((byte) 0xFF).put((byte) 0xE2).putShort((short) (filler.length + 2)).put(filler);
        b.put(jpg, afterExif, jpg.length - afterExif);
        ImageHeader h = header("big-exif.jpg", b.array());
        assertEquals(90, h.width());
        assertEquals(60, h.height());
        assertEquals(6, h.orientation());
    }

    @Test
    void exifBeyondTheFirstReadIsFoundByWalkingChunkHeaders() throws IOException {
        // PNG: a 20 KB text chunk between IHDR and eXIf.
        byte[] png = TestImages.insertPngChunk(TestImages.pngWithOrientation(120, 80, 5), "tEXt",
                ("Comment\0" + "z".repeat(20_000)).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        ImageHeader p = header("far.png", png);
        assertEquals(5, p.orientation());
        assertEquals(120, p.width());
        // WebP: VP8X, 30 KB of image data, then the EXIF chunk (where libwebp puts it).
        byte[] vp8x = java.util.Arrays.copyOfRange(TestImages.webpVp8x(300, 200, 6), 12, 12 + 18);
        byte[] image = new byte[30_000];
        image[0] = 0x2f;
        java.nio.ByteBuffer.wrap(image, 1, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(299 | (199 << 14));
        byte[] webp = TestImages.riff(vp8x, TestImages.chunk("VP8L", image),
                TestImages.chunk("EXIF", TestImages.tiffOrientation(6)));
        ImageHeader w = header("far.webp", webp);
        assertEquals(new ImageHeader(ImageFormat.WEBP, 300, 200, 6), w);
    }
}
