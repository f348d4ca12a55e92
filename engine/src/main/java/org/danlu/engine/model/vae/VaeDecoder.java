package org.danlu.engine.model.vae;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.danlu.engine.model.nn.Activations;
import org.danlu.engine.model.nn.Conv2d;
import org.danlu.engine.model.nn.GroupNorm;
import org.danlu.engine.model.nn.Module;
import org.danlu.engine.model.vae.VaeBlocks.MidBlock2D;
import org.danlu.engine.model.vae.VaeBlocks.UpDecoderBlock2D;

/**
 * diffusers' VAE {@code Decoder}: conv_in, mid_block, up_blocks over the reversed channel list (each with
 * layers_per_block + 1 resnets, each doubling H and W but the last), conv_norm_out, SiLU, conv_out.
 */
final class VaeDecoder extends Module {
    final Conv2d convIn;
    final MidBlock2D midBlock;
    final IndexedModules<UpDecoderBlock2D> upBlocks;
    final GroupNorm convNormOut;
    final Conv2d convOut;

    VaeDecoder(VaeConfig c) {
        List<Integer> ch = c.blockOutChannels();
        int groups = c.normNumGroups();
        int last = ch.get(ch.size() - 1);
        convIn = child("conv_in", new Conv2d(c.latentChannels(), last, 3, 1, 1, true));
        midBlock = child("mid_block", new MidBlock2D(last, groups));
        upBlocks = child("up_blocks", new IndexedModules<>());
        int out = last;
        for (int i = 0; i < ch.size(); i++) {
            int in = out;
            out = ch.get(ch.size() - 1 - i); // up_blocks.i uses reversed(block_out_channels)[i]
            upBlocks.add(new UpDecoderBlock2D(in, out, c.layersPerBlock() + 1, groups, i < ch.size() - 1));
        }
        convNormOut = child("conv_norm_out", new GroupNorm(groups, ch.get(0), VaeBlocks.EPS));
        convOut = child("conv_out", new Conv2d(ch.get(0), c.outChannels(), 3, 1, 1, true));
    }

    /** [N, latent, h, w] → [N, out, h·f, w·f]. */
    NDArray forward(NDArray z) {
        NDArray h = midBlock.forward(convIn.forward(z));
        for (UpDecoderBlock2D b : upBlocks.items()) {
            h = b.forward(h);
        }
        return convOut.forward(Activations.silu(convNormOut.forward(h)));
    }
}
