package org.danlu.engine.model.unet;

import org.danlu.engine.model.nn.Conv2d;
import org.danlu.engine.model.nn.Module;

/** diffusers {@code Downsample2D}/{@code Upsample2D} with use_conv: the only parameters are {@code conv}. */
final class SamplerConv extends Module {
    final Conv2d conv;

    SamplerConv(int channels, int stride, int padding) {
        conv = child("conv", new Conv2d(channels, channels, 3, stride, padding, true));
    }
}
