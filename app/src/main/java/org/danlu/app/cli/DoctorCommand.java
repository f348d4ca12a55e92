package org.danlu.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import ai.djl.ndarray.NDManager;
import org.danlu.engine.model.nn.AttentionMode;
import org.danlu.engine.tensor.TorchRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code danlu doctor}: Java, DJL, libtorch (version, cpu/cuXXX, where from), GPUs, and the fix when they disagree. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check the runtime: Java, DJL, libtorch (version, cpu or CUDA build, where it was loaded from)"
                + " and the NVIDIA GPUs present; prints the exact fix when a GPU is present but libtorch is CPU-only.",
            "Exit code 0 when all is well, 1 when a problem was found."})
public final class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        TorchRuntime rt = TorchRuntime.probe();
        out.printf("java       %s (%s)%n", rt.javaVersion(), rt.javaHome());
        out.printf("djl        %s, PyTorch engine%n", rt.djlVersion());
        if (rt.engineError() == null) {
            out.printf("libtorch   %s, %s build%n", rt.libtorchVersion(), rt.flavorOrUnknown());
            out.printf("loaded     %s%n", rt.libtorchPath() == null ? "(path unknown)" : rt.libtorchPath());
        } else {
            out.printf("libtorch   NOT LOADED%n");
        }
        rt.settings().forEach((k, v) -> out.printf("setting    %s=%s%n", k, v));
        if (rt.gpus().isEmpty()) {
            out.println("gpus       none found (nvidia-smi, /proc/driver/nvidia" + (rt.cudaBuild() ? ", libtorch" : "") + ")");
        }
        for (TorchRuntime.Gpu g : rt.gpus()) {
            String mem = g.memoryBytes() < 0 ? "memory unknown" : String.format("%.1f GiB", g.memoryBytes() / (1024.0 * 1024 * 1024));
            out.printf("gpu %-6d %s, %s (from %s)%n", g.index(), g.name(), mem, g.source());
        }
        String device = rt.cudaBuild() && rt.torchGpuCount() > 0 ? "gpu(0)" : "cpu";
        out.printf("training   would run on %s%n", device);
        if (rt.engineError() == null) {
            // the UNet's attention kernel as training would pick it (the fused one falls back when it cannot load)
            try (NDManager m = NDManager.newBaseManager(); AttentionMode.Choice c = AttentionMode.SDPA.resolve(m)) {
                out.printf("attention  %s%n", c.note());
            }
        }
        if (rt.problems().isEmpty()) {
            out.println("ok");
            return 0;
        }
        for (String p : rt.problems()) {
            out.println();
            out.println("PROBLEM: " + p);
        }
        return 1;
    }
}
