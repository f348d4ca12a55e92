package org.danlu.engine.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * bench/checkpoint: loads every tensor of a 512 MiB F16 checkpoint as F32 onto the CPU with our lazy reader, and with
 * DJL's own decoder ({@code NDList.decode}: the whole file through the heap) as the baseline, in the same JVM.
 * Prints the best of 3 for each, their ratio, and the peak Java heap each needed.
 */
public final class CheckpointLoadBench {
    private static final int TENSORS = 200;
    private static final long[] SHAPE = {1280, 1024}; // 2.5 MiB each as F16

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "bench/.data/checkpoint/model.safetensors");
        if (!Files.isRegularFile(file)) {
            generate(file);
        }
        System.out.printf("checkpoint %s: %.0f MiB%n", file, Files.size(file) / 1048576.0);
        double ours = Double.MAX_VALUE;
        double djl = Double.MAX_VALUE;
        long oursHeap = 0;
        long djlHeap = 0;
        for (int round = 0; round < 3; round++) {
            resetPeaks();
            long t0 = System.nanoTime();
            try (SafetensorsFile f = SafetensorsFile.open(file); NDManager m = NDManager.newBaseManager()) {
                for (String name : f.tensors().keySet()) {
                    f.load(name, m, DataType.FLOAT32);
                }
            }
            ours = Math.min(ours, (System.nanoTime() - t0) / 1e9);
            oursHeap = Math.max(oursHeap, peakHeap());

            resetPeaks();
            long t1 = System.nanoTime();
            try (NDManager m = NDManager.newBaseManager(); InputStream in = Files.newInputStream(file)) {
                NDList all = NDList.decode(m, in.readAllBytes());
                for (NDArray a : all) {
                    a.toType(DataType.FLOAT32, true);
                }
            }
            djl = Math.min(djl, (System.nanoTime() - t1) / 1e9);
            djlHeap = Math.max(djlHeap, peakHeap());
        }
        System.out.printf("danlu SafetensorsFile (mmap, per tensor): %.3f s, peak heap %d MiB%n", ours, oursHeap >> 20);
        System.out.printf("DJL NDList.decode (whole file in heap):  %.3f s, peak heap %d MiB%n", djl, djlHeap >> 20);
        System.out.printf("ratio (danlu / DJL time): %.2f%n", ours / djl);
    }

    private static void generate(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Random rnd = new Random(1);
        SafetensorsWriter w = new SafetensorsWriter();
        int n = (int) (SHAPE[0] * SHAPE[1]);
        for (int i = 0; i < TENSORS; i++) {
            ByteBuffer b = ByteBuffer.allocate(n * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (int j = 0; j < n; j++) {
                b.putShort((short) (0x3000 + rnd.nextInt(0x1000))); // finite F16 values around 0.1..1
            }
            w.add(String.format("layer.%03d.weight", i), DType.F16, SHAPE, b.array());
        }
        w.write(file);
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
