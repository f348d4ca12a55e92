package org.danlu.engine.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TensorBoard event file's bytes, against values worked by hand from the format's definitions. */
class TfEventFileTest {

    @TempDir
    Path dir;

    @Test
    void theChecksumIsTensorFlowsMaskedCrc32c() {
        // CRC-32C("123456789") = 0xE3069283, the check value of the Castagnoli polynomial (RFC 3720, B.4).
        // TensorFlow's crc32c::Mask: ((crc >> 15) | (crc << 17)) + 0xa282ead8, 32-bit:
        //   0xE3069283 >> 15 = 0x0001C60D, 0xE3069283 << 17 = 0x25060000, or = 0x2507C60D, + 0xa282ead8 = 0xC78AB0E5.
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xC78AB0E5, TfEventFile.maskedCrc(check, 0, check.length));
    }

    @Test
    void aScalarEventIsTheProtocolBufferTensorBoardReads() {
        // Event { wall_time: 1.5 (field 1, fixed64), step: 3 (field 2, varint),
        //         summary (field 5) { value (field 1) { tag: "a" (field 1), simple_value: 2.0f (field 2, fixed32) } } }
        byte[] want = {
            0x09, 0, 0, 0, 0, 0, 0, (byte) 0xF8, 0x3F,   // 1.5 = 0x3FF8000000000000, little-endian
            0x10, 0x03,
            0x2A, 0x0A,                                  // summary, 10 bytes
            0x0A, 0x08,                                  // value, 8 bytes
            0x0A, 0x01, 0x61,                            // tag "a"
            0x15, 0, 0, 0, 0x40};                        // 2.0f = 0x40000000
        assertArrayEquals(want, TfEventFile.scalarEvent("a", 2.0f, 3, 1.5));
        // A step past 127 takes a two-byte varint: 300 = 0b10_0101100 -> 0xAC 0x02.
        byte[] big = TfEventFile.scalarEvent("a", 2.0f, 300, 1.5);
        assertArrayEquals(new byte[] {0x10, (byte) 0xAC, 0x02}, Arrays.copyOfRange(big, 9, 12));
    }

    @Test
    void theFileIsFramedRecordsStartingWithTheVersion() throws Exception {
        Path f = dir.resolve("events.out.tfevents.1.host.1.0");
        try (TfEventFile out = TfEventFile.create(f, 1.5)) {
            out.scalar("loss/current", 0.25, 1, 2.0);
            out.scalar("loss/current", 0.125, 2, 3.0);
        }
        List<byte[]> records = records(Files.readAllBytes(f));
        assertEquals(3, records.size());
        assertArrayEquals(TfEventFile.versionEvent(1.5), records.get(0));
        assertEquals("brain.Event:2", new String(records.get(0), 11, 13, StandardCharsets.UTF_8));
        assertArrayEquals(TfEventFile.scalarEvent("loss/current", 0.125f, 2, 3.0), records.get(2));
    }

    /** TFRecord framing read with the JDK's CRC-32C: uint64 length, masked crc, data, masked crc. */
    private static List<byte[]> records(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> out = new ArrayList<>();
        while (b.hasRemaining()) {
            byte[] len = new byte[8];
            b.get(len);
            assertEquals(mask(len), b.getInt(), "length checksum");
            byte[] data = new byte[(int) ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getLong()];
            b.get(data);
            assertEquals(mask(data), b.getInt(), "data checksum");
            out.add(data);
        }
        return out;
    }

    private static int mask(byte[] bytes) {
        CRC32C c = new CRC32C();
        c.update(bytes);
        int crc = (int) c.getValue();
        return Integer.rotateRight(crc, 15) + 0xa282ead8;
    }
}
