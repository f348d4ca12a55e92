package org.danlu.engine.tensor;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TorchRuntimeTest {

    @Test
    void probeFindsThePinnedLibtorch() {
        TorchRuntime rt = TorchRuntime.probe();
        assertNull(rt.engineError());
        // pinned in the parent pom: pytorch-jni 2.7.1-0.35.1, djl 0.35.1
        assertTrue(rt.libtorchVersion().startsWith("2.7.1"), rt.libtorchVersion());
        assertEquals("0.35.1", rt.djlVersion());
        assertTrue(Files.isRegularFile(Path.of(rt.libtorchPath(), "libtorch.so")), rt.libtorchPath());
        assertEquals(rt.cudaBuild() ? rt.flavor() : "cpu", rt.flavor());
    }

    @Test
    void flavourComesFromDjlsCacheFolderName() {
        assertEquals("cu128", TorchRuntime.flavorOf("/root/.djl.ai/pytorch/2.7.1-20250812-cu128-linux-x86_64", true, null));
        assertEquals("cpu", TorchRuntime.flavorOf("/root/.djl.ai/pytorch/2.7.1-20250812-cpu-linux-x86_64", false, null));
        assertEquals("cu128", TorchRuntime.flavorOf("/usr/lib/python3/site-packages/torch/lib", true, "cu128"));
        assertEquals("cuda", TorchRuntime.flavorOf("/opt/torch/lib", true, null));
    }

    @Test
    void aGpuWithCpuLibtorchGetsBothFixes() {
        TorchRuntime rt = new TorchRuntime("17", "/jdk", "0.35.1", "2.7.1", "cpu", "/root/.djl.ai/pytorch/2.7.1-20250812-cpu-linux-x86_64",
                false, 0, List.of(new TorchRuntime.Gpu(0, "NVIDIA H100", 80L << 30, "nvidia-smi")), Map.of(), null);
        assertFalse(rt.healthy());
        assertEquals(1, rt.problems().size());
        String p = rt.problems().get(0);
        assertTrue(p.contains("export PYTORCH_LIBRARY_PATH=") && p.contains("PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR=cu128"), p);
        assertTrue(p.contains("torch==2.7.1 --index-url https://download.pytorch.org/whl/cu128"), p);
        assertTrue(p.contains("grep -v pytorch-native-cpu"), p);
    }

    @Test
    void anIgnoredLibraryPathAndAWrongVersionAreProblems() {
        TorchRuntime rt = new TorchRuntime("17", "/jdk", "0.35.1", "2.5.1", "cpu", "/root/.djl.ai/pytorch/x-cpu",
                false, 0, List.of(), Map.of("PYTORCH_LIBRARY_PATH", "/opt/nothing"), null);
        assertEquals(2, rt.problems().size(), rt.problems().toString());
        assertTrue(rt.problems().stream().anyMatch(p -> p.contains("holds no libtorch.so")));
        assertTrue(rt.problems().stream().anyMatch(p -> p.contains("libtorch 2.5.1 is loaded")));
        TorchRuntime fine = new TorchRuntime("17", "/jdk", "0.35.1", "2.7.1", "cpu", "/x/cpu", false, 0, List.of(), Map.of(), null);
        assertTrue(fine.healthy());
        assertEquals(List.of(), fine.problems());
    }

    /** A stand-in nvidia-smi (a real subprocess) printing what the real one prints for this query. */
    @Test
    void gpusAreReadFromNvidiaSmi(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path smi = dir.resolve("nvidia-smi");
        Files.writeString(smi, "#!/bin/sh\n"
                + "[ \"$1\" = --query-gpu=index,name,memory.total ] || exit 9\n"
                + "echo '0, NVIDIA H100 80GB HBM3, 81559'\n"
                + "echo '1, NVIDIA H100 80GB HBM3, 81559'\n");
        assertTrue(smi.toFile().setExecutable(true));
        List<TorchRuntime.Gpu> gpus = TorchRuntime.nvidiaSmi(smi.toString());
        assertEquals(2, gpus.size());
        assertEquals(new TorchRuntime.Gpu(1, "NVIDIA H100 80GB HBM3", 81559L * 1024 * 1024, "nvidia-smi"), gpus.get(1));
        Path failing = dir.resolve("broken-smi");
        Files.writeString(failing, "#!/bin/sh\necho 'NVIDIA-SMI has failed'; exit 9\n");
        assertTrue(failing.toFile().setExecutable(true));
        assertEquals(List.of(), TorchRuntime.nvidiaSmi(failing.toString()));
        assertEquals(List.of(), TorchRuntime.nvidiaSmi(dir.resolve("absent").toString()));
    }
}
