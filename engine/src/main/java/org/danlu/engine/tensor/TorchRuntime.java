package org.danlu.engine.tensor;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What {@code danlu doctor} reports: the Java runtime, DJL, the libtorch it loaded (version, cpu or cuXXX
 * flavour, from where), the NVIDIA GPUs present, and what to do when they do not fit together.
 *
 * <p>GPUs are looked for independently of libtorch (nvidia-smi, then the kernel driver's /proc entries),
 * because a CPU-only libtorch cannot see them and that is exactly the case to diagnose.
 */
public record TorchRuntime(String javaVersion, String javaHome, String djlVersion, String libtorchVersion,
        String flavor, String libtorchPath, boolean cudaBuild, int torchGpuCount, List<Gpu> gpus,
        Map<String, String> settings, String engineError) {

    /** The libtorch release the pinned DJL 0.35.1 expects. */
    public static final String EXPECTED_LIBTORCH = "2.7.1";

    /** One NVIDIA GPU; {@code memoryBytes} is -1 when unknown; {@code source} says how it was found. */
    public record Gpu(int index, String name, long memoryBytes, String source) {}

    private static final List<String> SETTINGS = List.of("PYTORCH_LIBRARY_PATH", "PYTORCH_VERSION", "PYTORCH_FLAVOR",
            "DJL_CACHE_DIR", "ENGINE_CACHE_DIR", "CUDA_VISIBLE_DEVICES", "ai.djl.offline");

    /** Loads the PyTorch engine (if it can) and looks at the machine. Never throws. */
    public static TorchRuntime probe() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String s : SETTINGS) {
            String v = s.contains(".") ? System.getProperty(s) : System.getenv(s);
            if (v != null) {
                settings.put(s, v);
            }
        }
        String djl = Engine.getDjlVersion();
        String version = null;
        String path = null;
        String flavor = null;
        boolean cuda = false;
        int torchGpus = 0;
        String error = null;
        try {
            Engine e = Engine.getEngine("PyTorch");
            version = e.getVersion();
            cuda = e.hasCapability("CUDA");
            torchGpus = cuda ? e.getGpuCount() : 0;
            path = loadedLibtorchPath();
            flavor = flavorOf(path, cuda, settings.get("PYTORCH_FLAVOR"));
        } catch (RuntimeException | LinkageError e) {
            error = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        List<Gpu> gpus = cuda && torchGpus > 0 ? torchGpus(torchGpus) : List.of();
        if (gpus.isEmpty()) {
            gpus = nvidiaSmi();
        }
        if (gpus.isEmpty()) {
            gpus = procDriver();
        }
        return new TorchRuntime(System.getProperty("java.version"), System.getProperty("java.home"), djl, version, flavor,
                path, cuda, torchGpus, gpus, settings, error);
    }

    /** Where DJL loaded libtorch from (its own cache under ~/.djl.ai/pytorch, or PYTORCH_LIBRARY_PATH). */
    private static String loadedLibtorchPath() {
        try {
            return ai.djl.pytorch.jni.LibUtils.getLibtorchPath();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** DJL's cache folders are named {@code <version>-<date>-<flavor>-<os>-<arch>}, e.g. 2.7.1-20250812-cpu-linux-x86_64. */
    static String flavorOf(String path, boolean cuda, String envFlavor) {
        if (path != null) {
            for (String part : Path.of(path).getFileName().toString().split("-")) {
                if (part.equals("cpu") || part.matches("cu\\d+")) {
                    return part;
                }
            }
        }
        if (envFlavor != null && !envFlavor.isBlank()) {
            return envFlavor;
        }
        return cuda ? "cuda" : "cpu";
    }

    private static List<Gpu> torchGpus(int count) {
        List<Gpu> out = new ArrayList<>();
        List<Gpu> named = nvidiaSmi();
        for (int i = 0; i < count; i++) {
            long mem = -1;
            try {
                MemoryUsage u = CudaUtils.getGpuMemory(Device.gpu(i));
                mem = u.getMax();
            } catch (RuntimeException | LinkageError e) {
                // memory unknown; the device is still there
            }
            String name = i < named.size() ? named.get(i).name() : "CUDA device " + i;
            out.add(new Gpu(i, name, mem, "libtorch"));
        }
        return out;
    }

    /** {@code nvidia-smi --query-gpu}, if it is on the PATH (5 s limit). */
    static List<Gpu> nvidiaSmi() {
        return nvidiaSmi("nvidia-smi");
    }

    static List<Gpu> nvidiaSmi(String command) {
        List<Gpu> out = new ArrayList<>();
        try {
            Process p = new ProcessBuilder(command, "--query-gpu=index,name,memory.total", "--format=csv,noheader,nounits")
                    .redirectErrorStream(true).start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    lines.add(l);
                }
            }
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return out;
            }
            if (p.exitValue() != 0) {
                return out;
            }
            for (String l : lines) {
                String[] f = l.split(",\\s*");
                if (f.length == 3) {
                    try {
                        out.add(new Gpu(Integer.parseInt(f[0].strip()), f[1].strip(),
                                Long.parseLong(f[2].strip()) * 1024 * 1024, "nvidia-smi"));
                    } catch (NumberFormatException e) {
                        // a line we do not understand (a warning); skip it
                    }
                }
            }
        } catch (IOException e) {
            // no nvidia-smi: fine, the next source is tried
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    /** The NVIDIA kernel driver lists one folder per GPU with a "Model:" line (memory is not there). */
    static List<Gpu> procDriver() {
        List<Gpu> out = new ArrayList<>();
        Path root = Path.of("/proc/driver/nvidia/gpus");
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.sorted().toList()) {
                String name = "NVIDIA GPU " + d.getFileName();
                Path info = d.resolve("information");
                if (Files.isReadable(info)) {
                    for (String l : Files.readAllLines(info, StandardCharsets.UTF_8)) {
                        if (l.startsWith("Model:")) {
                            name = l.substring(6).strip();
                        }
                    }
                }
                out.add(new Gpu(out.size(), name, -1, "/proc/driver/nvidia"));
            }
        } catch (IOException e) {
            // unreadable: report no GPUs from this source
        }
        return out;
    }

    /** True when the runtime can train on what the machine has. */
    public boolean healthy() {
        return engineError == null && (gpus.isEmpty() || cudaBuild) && (libtorchVersion == null
                || libtorchVersion.startsWith(EXPECTED_LIBTORCH));
    }

    /** Each problem with its exact fix; empty when healthy. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (engineError != null) {
            out.add("DJL could not load libtorch: " + engineError + "\n  Fix: run once while online so DJL can unpack"
                    + " libtorch " + EXPECTED_LIBTORCH + " into ~/.djl.ai/pytorch, or point PYTORCH_LIBRARY_PATH at the lib"
                    + " folder of an installed PyTorch " + EXPECTED_LIBTORCH + " (with PYTORCH_VERSION=" + EXPECTED_LIBTORCH
                    + " and PYTORCH_FLAVOR=cpu or cu128).");
        }
        if (libtorchVersion != null && !libtorchVersion.startsWith(EXPECTED_LIBTORCH)) {
            out.add("libtorch " + libtorchVersion + " is loaded but DJL 0.35.1's JNI is built for " + EXPECTED_LIBTORCH
                    + ".\n  Fix: point PYTORCH_LIBRARY_PATH at a PyTorch " + EXPECTED_LIBTORCH + " installation, or unset it.");
        }
        String libraryPath = settings.get("PYTORCH_LIBRARY_PATH");
        if (libraryPath != null && libtorchPath != null && engineError == null
                && !Path.of(libtorchPath).toAbsolutePath().normalize().startsWith(Path.of(libraryPath).toAbsolutePath().normalize())) {
            out.add("PYTORCH_LIBRARY_PATH=" + libraryPath + " holds no libtorch.so, so DJL ignored it and loaded " + libtorchPath
                    + ".\n  Fix: set it to the folder that contains libtorch.so (for a pip PyTorch: <site-packages>/torch/lib).");
        }
        if (!gpus.isEmpty() && !cudaBuild && engineError == null) {
            out.add(gpus.size() + " NVIDIA GPU" + (gpus.size() == 1 ? " is" : "s are") + " present but libtorch is the "
                    + (flavor == null ? "CPU" : flavor) + " build, so everything would run on the CPU.\n"
                    + "  Fix (works offline): install PyTorch " + EXPECTED_LIBTORCH + " for CUDA 12.8 and point DJL at it:\n"
                    + "    pip install torch==" + EXPECTED_LIBTORCH + " --index-url https://download.pytorch.org/whl/cu128\n"
                    + "    export PYTORCH_LIBRARY_PATH=\"$(python3 -c 'import torch, os; print(os.path.join(os.path.dirname(torch.__file__), \"lib\"))')\"\n"
                    + "    export PYTORCH_VERSION=" + EXPECTED_LIBTORCH + " PYTORCH_FLAVOR=cu128\n"
                    + "  Fix (online): let DJL download libtorch " + EXPECTED_LIBTORCH + " cu128 into ~/.djl.ai/pytorch with\n"
                    + "    export PYTORCH_FLAVOR=cu128\n"
                    + "  DJL downloads only when the bundled CPU build (the pytorch-native-cpu jar) is not on the classpath,\n"
                    + "  so run Danlu with a classpath that leaves it out:\n"
                    + "    java -cp \"app/target/classes:$(tr ':' '\\n' < app/target/runtime.classpath | grep -v pytorch-native-cpu | paste -sd:)\" org.danlu.app.cli.Main doctor");
        }
        return out;
    }

    /** "cpu" or the CUDA flavour, for one-line summaries. */
    public String flavorOrUnknown() {
        return flavor == null ? "unknown" : flavor.toLowerCase(Locale.ROOT);
    }
}
