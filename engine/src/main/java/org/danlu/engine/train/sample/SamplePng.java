package org.danlu.engine.train.sample;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.w3c.dom.Node;

/**
 * Sample PNGs with the generation parameters in a text chunk keyed {@code parameters}, where AUTOMATIC1111 (PNG
 * Info), ComfyUI and most image viewers look. Like PIL's {@code add_text}, which A1111 uses, the chunk is
 * {@code tEXt} when the text is Latin-1 and {@code iTXt} (UTF-8, uncompressed) otherwise, e.g. for Chinese prompts.
 */
public final class SamplePng {
    public static final String KEY = "parameters";
    private static final String FORMAT = "javax_imageio_png_1.0";

    private SamplePng() {}

    /** The PNG bytes of {@code image} with {@code parameters}; the same inputs always give the same bytes. */
    public static byte[] encode(BufferedImage image, String parameters) throws IOException {
        ImageWriter writer = pngWriter();
        try {
            IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image),
                    writer.getDefaultWriteParam());
            IIOMetadataNode root = new IIOMetadataNode(FORMAT);
            if (StandardCharsets.ISO_8859_1.newEncoder().canEncode(parameters) && parameters.indexOf('\0') < 0) {
                IIOMetadataNode text = new IIOMetadataNode("tEXt");
                IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
                entry.setAttribute("keyword", KEY);
                entry.setAttribute("value", parameters);
                text.appendChild(entry);
                root.appendChild(text);
            } else {
                IIOMetadataNode text = new IIOMetadataNode("iTXt");
                IIOMetadataNode entry = new IIOMetadataNode("iTXtEntry");
                entry.setAttribute("keyword", KEY);
                entry.setAttribute("compressionFlag", "FALSE");
                entry.setAttribute("compressionMethod", "0");
                entry.setAttribute("languageTag", "");
                entry.setAttribute("translatedKeyword", "");
                entry.setAttribute("text", parameters);
                text.appendChild(entry);
                root.appendChild(text);
            }
            meta.mergeTree(FORMAT, root);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, meta), null);
            }
            return bytes.toByteArray();
        } finally {
            writer.dispose();
        }
    }

    /**
     * Writes the PNG into {@code dir} atomically (temp file, fsync, rename) under {@code fileName}; an existing file
     * of that name is never replaced: {@code -1}, {@code -2}, … is added before the extension instead.
     *
     * @return the file written
     */
    public static Path write(Path dir, String fileName, BufferedImage image, String parameters) throws IOException {
        byte[] bytes = encode(image, parameters);
        Files.createDirectories(dir);
        Path target = freeName(dir, fileName);
        Path temp = dir.resolve("." + target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw new IOException(temp + ": could not write the sample image (" + e.getMessage() + ")", e);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    static Path freeName(Path dir, String fileName) {
        Path p = dir.resolve(fileName);
        int dot = fileName.lastIndexOf('.');
        String stem = dot < 0 ? fileName : fileName.substring(0, dot);
        String ext = dot < 0 ? "" : fileName.substring(dot);
        for (int n = 1; Files.exists(p); n++) {
            p = dir.resolve(stem + "-" + n + ext);
        }
        return p;
    }

    /** The {@code parameters} text of a PNG (tEXt or iTXt), or null when it has none. */
    public static String readParameters(Path png) throws IOException {
        try (InputStream in = Files.newInputStream(png); ImageInputStream iis = ImageIO.createImageInputStream(in)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) {
                throw new IOException(png + ": not an image ImageIO can read");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, false);
                Node root = reader.getImageMetadata(0).getAsTree(FORMAT);
                for (Node chunk = root.getFirstChild(); chunk != null; chunk = chunk.getNextSibling()) {
                    for (Node e = chunk.getFirstChild(); e != null; e = e.getNextSibling()) {
                        String name = e.getNodeName();
                        if ((name.equals("tEXtEntry") || name.equals("iTXtEntry"))
                                && KEY.equals(((IIOMetadataNode) e).getAttribute("keyword"))) {
                            return ((IIOMetadataNode) e).getAttribute(name.equals("tEXtEntry") ? "value" : "text");
                        }
                    }
                }
                return null;
            } finally {
                reader.dispose();
            }
        }
    }

    private static ImageWriter pngWriter() throws IOException {
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("png");
        if (!it.hasNext()) {
            throw new IOException("no PNG writer in this Java runtime");
        }
        return it.next();
    }
}
