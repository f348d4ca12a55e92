package org.danlu.engine.model.load;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.danlu.engine.tensor.SafetensorsFile;

/**
 * Run in a child JVM with a small heap by {@link CheckpointHeapTest}: loads every UNet tensor of a checkpoint as
 * F32 onto the CPU ("load"), or copies each tensor's bytes into a Java array ("heapcopy", which must fail under
 * the same heap, proving the limit binds).
 */
public final class HeapProbe {
    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[1]);
        try (Checkpoint c = Checkpoint.open(model); NDManager m = NDManager.newBaseManager()) {
            ComponentWeights unet = c.component(Component.UNET);
            long loaded = 0;
            for (String name : unet.tensors().keySet()) {
                if (args[0].equals("heapcopy")) {
                    try (SafetensorsFile f = SafetensorsFile.open(unet.tensors().get(name).file())) {
                        ByteBuffer b = f.bytes(unet.tensors().get(name).key());
                        byte[] copy = new byte[b.remaining() * 2]; // as F32 in the heap
                        b.get(copy, 0, b.remaining());
                        loaded += copy.length;
                    }
                } else {
                    try (NDManager scope = m.newSubManager()) {
                        NDArray a = unet.load(name, scope, DataType.FLOAT32);
                        loaded += a.size() * 4;
                    }
                }
            }
            System.out.println("loaded " + loaded);
        }
    }
}
