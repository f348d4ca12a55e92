package org.danlu.engine.tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Danlu loads safetensors only. A pickle checkpoint (.ckpt/.pt/.pth/.bin) runs arbitrary code when it is
 * loaded, so it is refused, by extension and by content, with the command that converts it.
 */
public final class PickleRefusal {
    private PickleRefusal() {}

    public static void check(Path path) throws IOException {
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean pickleName = name.endsWith(".ckpt") || name.endsWith(".pt") || name.endsWith(".pth")
                || name.endsWith(".bin") || name.endsWith(".pkl");
        if (pickleName) {
            throw refusal(path);
        }
    }

    static IOException refusal(Path path) {
        String name = path.getFileName() == null ? "model.ckpt" : path.getFileName().toString();
        return new IOException(path + ": this is a pickle checkpoint, which can run arbitrary code when loaded,"
                    + " so Danlu does not open it. Convert it once in a trusted Python environment, e.g.\n"
                    + "  python -c \"import torch, safetensors.torch as st; sd = torch.load('" + name
                    + "', map_location='cpu', weights_only=True); sd = sd.get('state_dict', sd);"
                    + " st.save_file({k: v.contiguous() for k, v in sd.items() if hasattr(v, 'contiguous')}, 'model.safetensors')\"\n"
                    + "  or use a converted .safetensors release of the same model.");
    }

    /**
     * Zip (torch.save since 1.6) or a raw pickle protocol-2+ opcode at byte 0. Only asked once the safetensors
     * header has failed to parse, since a valid header length can start with the same two bytes.
     */
    static boolean looksLikePickle(byte b0, byte b1) {
        return (b0 == 'P' && b1 == 'K') || (b0 & 0xFF) == 0x80 && b1 >= 2 && b1 <= 5;
    }
}
