package org.danlu.engine.model.vae;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.danlu.engine.model.nn.Activations;
import org.danlu.engine.model.nn.Conv2d;
import org.danlu.engine.model.nn.GroupNorm;
import org.danlu.engine.model.nn.Module;
import org.danlu.engine.model.vae.VaeBlocks.DownEncoderBlock2D;
import org.danlu.engine.model.vae.VaeBlocks.MidBlock2D;

/**
 * diffusers' VAE {@code Encoder} (double_z): conv_in, down_blocks (each halving H and W but the last), mid_block,
 * conv_norm_out, SiLU, conv_out to 2·latent channels (mean and log-variance).
 */
final class VaeEncoder extends Module {
    final Conv2d convIn;
    final IndexedModules<DownEncoderBlock2D> downBlocks;
    final MidBlock2D midBlock;
    final GroupNorm convNormOut;
    final Conv2d convOut;

    VaeEncoder(VaeConfig c) {
        List<Integer> ch = c.blockOutChannels();
        int groups = c.normNumGroups();
        convIn = child("conv_in", new Conv2d(c.inChannels(), ch.get(0), 3, 1, 1, true));
        downBlocks = child("down_blocks", new IndexedModules<>());
        int out = ch.get(0);
        for (int i = 0; i < ch.size(); i++) {
            int in = out;
            out = ch.get(i);
            downBlocks.add(new DownEncoderBlock2D(in, out, c.layersPerBlock(), groups, i < ch.size() - 1));
        }
        midBlock = child("mid_block", new MidBlock2D(out, groups));
        convNormOut = child("conv_norm_out", new GroupNorm(groups, out, VaeBlocks.EPS));
        convOut = child("conv_out", new Conv2d(out, 2 * c.latentChannels(), 3, 1, 1, true));
    }

    /** [N, in, H, W] → [N, 2·latent, H/f, W/f] with f = 2^(blocks − 1). */
    NDArray forward(NDArray image) {
        NDArray h = convIn.forward(image);
        for (DownEncoderBlock2D b : downBlocks.items()) {
            h = b.forward(h);
        }
        h = midBlock.forward(h);
        return convOut.forward(Activations.silu(convNormOut.forward(h)));
    }
}
