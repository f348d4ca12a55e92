package org.danlu.engine.model.nn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a TorchScript module archive (what {@code torch.jit.save} produces and {@code torch::jit::load}
 * reads) for a parameterless module whose source is ours: there is no Python here, but libtorch compiles
 * the archive's {@code code/} source when it loads it, so the archive is all we need.
 *
 * <p>Layout (PyTorch {@code torch/csrc/jit/docs/serialization.md}), every entry stored uncompressed under
 * {@code archive/}: {@code version} (file format version, decimal text), {@code constants.pkl} (pickled
 * tuple of tensor constants: empty), {@code data.pkl} (the pickled module object: a {@code __torch__.<Class>}
 * instance whose state dict holds every declared attribute, here only {@code training}) and
 * {@code code/__torch__.py} (the class source in TorchScript's printed form).
 */
final class TorchScriptArchive {
    /** Format 3 is what current PyTorch writes for modules without version-bumping operators; 2.7 reads 1–10. */
    static final String FORMAT_VERSION = "3\n";

    private TorchScriptArchive() {}

    /**
     * A module {@code __torch__.<className>} with attribute {@code training : bool} and the given
     * {@code forward} source (indented by 2, as TorchScript prints it).
     */
    static byte[] module(String className, String forwardSource) throws IOException {
        if (!className.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("not a class name: " + className);
        }
        String code = "class " + className + "(Module):\n"
                + "  __parameters__ = []\n"
                + "  __buffers__ = []\n"
                + "  training : bool\n"
                + forwardSource;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            stored(zip, "archive/data.pkl", moduleObjectPickle(className));
            stored(zip, "archive/code/__torch__.py", code.getBytes(StandardCharsets.UTF_8));
            stored(zip, "archive/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'}); // PROTO 2, EMPTY_TUPLE, STOP
            stored(zip, "archive/version", FORMAT_VERSION.getBytes(StandardCharsets.US_ASCII));
        }
        return bytes.toByteArray();
    }

    /**
     * Pickle protocol 2, as TorchScript's pickler writes a module object without {@code __getstate__}:
     * GLOBAL '__torch__ <Class>', EMPTY_TUPLE, NEWOBJ, then its attributes as a dict and BUILD:
     * EMPTY_DICT, MARK, 'training' True, SETITEMS, BUILD, STOP.
     */
    static byte[] moduleObjectPickle(String className) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(0x80); // PROTO
        p.write(2);
        p.writeBytes(("c__torch__\n" + className + "\n").getBytes(StandardCharsets.US_ASCII)); // GLOBAL
        p.write(')'); // EMPTY_TUPLE
        p.write(0x81); // NEWOBJ
        p.write('}'); // EMPTY_DICT
        p.write('('); // MARK
        byte[] key = "training".getBytes(StandardCharsets.UTF_8);
        p.write('X'); // BINUNICODE, 4-byte little-endian length
        p.write(key.length);
        p.write(0);
        p.write(0);
        p.write(0);
        p.writeBytes(key);
        p.write(0x88); // NEWTRUE
        p.write('u'); // SETITEMS
        p.write('b'); // BUILD
        p.write('.'); // STOP
        return p.toByteArray();
    }

    private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED); // libtorch's reader wants records it can address in place
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        e.setTime(0);
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }
}
