package org.danlu.engine.dataset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * An open image file seen through the prefix already read: bytes inside the prefix cost nothing,
 * bytes beyond it are read one small positional read at a time, so walking a file's segments or
 * chunks reads only their headers, never the data in between.
 */
final class HeaderBytes {

    private final FileChannel channel;
    private final byte[] prefix;
    private final int len;
    private final long size;

    HeaderBytes(FileChannel channel, byte[] prefix, int len, long size) {
        this.channel = channel;
        this.prefix = prefix;
        this.len = len;
        this.size = size;
    }

    long size() {
        return size;
    }

    /** n bytes at off, or fewer if the file ends first. */
    byte[] read(long off, int n) throws IOException {
        if (off + n <= len) {
            return Arrays.copyOfRange(prefix, (int) off, (int) off + n);
        }
        int want = (int) Math.max(0, Math.min(n, size - off));
        byte[] b = new byte[want];
        int got = ImageHeaderReader.readFully(channel, ByteBuffer.wrap(b), off);
        return got == want ? b : Arrays.copyOf(b, got);
    }

    /** Big-endian unsigned 16 bits at off, or -1 past the end. */
    int u16be(long off) throws IOException {
        byte[] b = read(off, 2);
        return b.length < 2 ? -1 : (b[0] & 0xff) << 8 | (b[1] & 0xff);
    }

    /** Big-endian 32 bits at off as an unsigned long, or -1 past the end. */
    long u32be(long off) throws IOException {
        byte[] b = read(off, 4);
        return b.length < 4 ? -1 : ByteBuffer.wrap(b).getInt() & 0xffffffffL;
    }

    /** Little-endian 32 bits at off as an unsigned long, or -1 past the end. */
    long u32le(long off) throws IOException {
        byte[] b = read(off, 4);
        return b.length < 4 ? -1 : ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
    }

    String fourcc(long off) throws IOException {
        return new String(read(off, 4), java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
