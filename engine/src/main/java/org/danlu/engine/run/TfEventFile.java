package org.danlu.engine.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * A TensorBoard event file ({@code events.out.tfevents.*}) holding scalars, written without
 * TensorFlow: TFRecord framing (length, masked CRC-32C of the length, the bytes, masked CRC-32C of
 * the bytes) around {@code tensorflow.Event} protocol buffers, of which only the fields a scalar
 * needs are written: {@code wall_time} (1, double), {@code step} (2, int64), {@code file_version}
 * (3, string) and {@code summary} (5) holding {@code Summary.Value} {@code tag} (1) and
 * {@code simple_value} (2, float), as PyTorch's {@code SummaryWriter.add_scalar} writes them.
 */
public final class TfEventFile implements AutoCloseable {
    private final FileChannel channel;

    private TfEventFile(FileChannel channel) {
        this.channel = channel;
    }

    /** Creates the file and writes the version record TensorBoard expects first. */
    public static TfEventFile create(Path file, double wallTime) throws IOException {
        TfEventFile f = new TfEventFile(FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
        f.record(versionEvent(wallTime));
        return f;
    }

    /** Appends one scalar; TensorBoard shows it under {@code tag} at {@code step}. */
    public void scalar(String tag, double value, long step, double wallTime) throws IOException {
        record(scalarEvent(tag, (float) value, step, wallTime));
    }

    /** The file's bytes reach the disk (the end of a run, or a save). */
    public void flush() throws IOException {
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        if (channel.isOpen()) {
            channel.force(false);
            channel.close();
        }
    }

    private void record(byte[] data) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + 4 + data.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(data.length);
        b.putInt(maskedCrc(b.array(), 0, 8));
        b.put(data);
        b.putInt(maskedCrc(data, 0, data.length));
        b.flip();
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    /** TFRecord's checksum: CRC-32C, rotated right by 15 and offset, so a CRC of CRCs is not trivially valid. */
    static int maskedCrc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + 0xa282ead8;
    }

    static byte[] versionEvent(double wallTime) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        wallTime(out, wallTime);
        bytesField(out, 3, "brain.Event:2".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static byte[] scalarEvent(String tag, float value, long step, double wallTime) {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        bytesField(v, 1, tag.getBytes(StandardCharsets.UTF_8));
        v.write(2 << 3 | 5); // simple_value: fixed32
        int bits = Float.floatToIntBits(value);
        for (int i = 0; i < 4; i++) {
            v.write(bits >>> (8 * i));
        }
        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        bytesField(summary, 1, v.toByteArray());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        wallTime(out, wallTime);
        out.write(2 << 3); // step: varint
        varint(out, step);
        bytesField(out, 5, summary.toByteArray());
        return out.toByteArray();
    }

    private static void wallTime(ByteArrayOutputStream out, double seconds) {
        out.write(1 << 3 | 1); // fixed64
        long bits = Double.doubleToLongBits(seconds);
        for (int i = 0; i < 8; i++) {
            out.write((int) (bits >>> (8 * i)));
        }
    }

    private static void bytesField(ByteArrayOutputStream out, int field, byte[] bytes) {
        out.write(field << 3 | 2); // length-delimited
        varint(out, bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }
}
