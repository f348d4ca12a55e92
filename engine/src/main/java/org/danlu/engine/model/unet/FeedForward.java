package org.danlu.engine.model.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.danlu.engine.model.nn.Activations;
import org.danlu.engine.model.nn.Linear;
import org.danlu.engine.model.nn.Module;

/**
 * diffusers {@code FeedForward} with GEGLU: net.0.proj C → 2I, split into (hidden, gate), hidden·gelu(gate),
 * then net.2 I → C (net.1 is dropout). I = 4·C.
 */
final class FeedForward extends Module {
    final Linear proj;
    final Linear out;

    FeedForward(int dim) {
        int inner = dim * 4;
        Net net = child("net", new Net(dim, inner));
        proj = net.geglu.proj;
        out = net.out;
    }

    private static final class Net extends Module {
        final Geglu geglu;
        final Linear out;

        Net(int dim, int inner) {
            geglu = child("0", new Geglu(dim, inner));
            out = child("2", new Linear(inner, dim, true));
        }
    }

    private static final class Geglu extends Module {
        final Linear proj;

        Geglu(int dim, int inner) {
            proj = child("proj", new Linear(dim, inner * 2, true));
        }
    }

    /** x [B, T, C] → [B, T, C]. */
    NDArray forward(NDArray x) {
        NDList halves = proj.forward(x).split(2, 2); // 2 × [B, T, I]: hidden, gate
        return out.forward(halves.get(0).mul(Activations.gelu(halves.get(1)))); // [B, T, C]
    }
}
