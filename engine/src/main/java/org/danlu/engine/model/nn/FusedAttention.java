package org.danlu.engine.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The fused path: {@code torch.scaled_dot_product_attention} (flash / memory-efficient kernels where libtorch
 * has them), which DJL does not expose. Two TorchScript modules of our own source (plain and causal) are
 * written by {@link TorchScriptArchive}, loaded with trainParam=true and run in training mode, so autograd
 * records them inside a {@code GradientCollector} like any other op.
 * Shapes: q [B, H, T, D], k/v [B, H, S, D] → [B, H, T, D].
 */
public final class FusedAttention implements AttentionFunction, AutoCloseable {
    static final String PLAIN_FORWARD = """
              def forward(self: __torch__.DanluSdpa,
                q: Tensor,
                k: Tensor,
                v: Tensor) -> Tensor:
                return torch.scaled_dot_product_attention(q, k, v, None, 0., False)
            """.indent(0);
    static final String CAUSAL_FORWARD = """
              def forward(self: __torch__.DanluSdpaCausal,
                q: Tensor,
                k: Tensor,
                v: Tensor) -> Tensor:
                return torch.scaled_dot_product_attention(q, k, v, None, 0., True)
            """.indent(0);

    private final PtSymbolBlock plain;
    private final PtSymbolBlock causal;
    private final ParameterStore noParameters;

    private FusedAttention(PtSymbolBlock plain, PtSymbolBlock causal, NDManager manager) {
        this.plain = plain;
        this.causal = causal;
        this.noParameters = new ParameterStore(manager, false);
    }

    /**
     * Compiles and loads both modules on {@code manager}'s device (which must be a PyTorch manager). Fails
     * with an exception when libtorch refuses them; callers fall back to {@link Attention#CHUNKED}.
     */
    public static FusedAttention load(NDManager manager) throws IOException {
        PtNDManager pt = (PtNDManager) manager;
        PtSymbolBlock plain = loadModule(pt, "DanluSdpa", PLAIN_FORWARD);
        try {
            return new FusedAttention(plain, loadModule(pt, "DanluSdpaCausal", CAUSAL_FORWARD), manager);
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    private static PtSymbolBlock loadModule(PtNDManager manager, String className, String forward) throws IOException {
        Path file = Files.createTempFile("danlu-" + className, ".pt");
        try {
            Files.write(file, TorchScriptArchive.module(className, forward));
            PtSymbolBlock block = JniUtils.loadModule(manager, file, true, new String[0], new String[0], true);
            JniUtils.enableTrainingMode(block);
            return block;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Override
    public NDArray apply(NDArray q, NDArray k, NDArray v, boolean isCausal) {
        PtSymbolBlock block = isCausal ? causal : plain;
        // training=true: the JNI call then runs with autograd on instead of under an inference guard
        return block.forward(noParameters, new NDList(q, k, v), true).singletonOrThrow(); // [B, H, T, D]
    }

    @Override
    public void close() {
        plain.close();
        causal.close();
    }
}
