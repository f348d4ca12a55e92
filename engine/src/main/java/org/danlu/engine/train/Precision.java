package org.danlu.engine.train;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The dtype the frozen UNet and text encoder are held in (DESIGN.md "mixed precision is explicit"): fp32 on CPU
 * whatever was asked; on a GPU fp16 for {@code mixed_precision = "fp16"} and also for {@code "bf16"}, because
 * DJL 0.35.1 aborts the JVM on any BFLOAT16 array (a warning says so). LoRA weights, gradients and optimizer state
 * stay fp32; LoraModule casts at its boundary.
 */
record Precision(Device device, DataType weights) {

    static Precision choose(String mixedPrecision, Device device, Consumer<String> warn) {
        String mp = mixedPrecision == null ? "no" : mixedPrecision.trim().toLowerCase(Locale.ROOT);
        if (!mp.equals("no") && !mp.equals("fp16") && !mp.equals("bf16")) {
            throw new IllegalArgumentException("mixed_precision = \"" + mixedPrecision + "\" is not known; use no, fp16 or bf16");
        }
        if (!device.isGpu()) {
            if (!mp.equals("no")) {
                warn.accept("mixed_precision = \"" + mp + "\" has no effect on the CPU: training in fp32");
            }
            return new Precision(device, DataType.FLOAT32);
        }
        if (mp.equals("bf16")) {
            warn.accept("mixed_precision = \"bf16\": DJL 0.35.1 cannot hold bf16 arrays, so the frozen weights run in"
                    + " fp16 instead (same memory; fp16's smaller range rarely matters for a frozen SD 1/2 model)");
        }
        return new Precision(device, mp.equals("no") ? DataType.FLOAT32 : DataType.FLOAT16);
    }

    String describe() {
        return weights == DataType.FLOAT32 ? "fp32" : "fp16 weights, fp32 LoRA";
    }
}
