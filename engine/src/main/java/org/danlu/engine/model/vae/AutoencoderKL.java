package org.danlu.engine.model.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.danlu.engine.model.nn.Conv2d;
import org.danlu.engine.model.nn.Module;
import org.danlu.engine.tensor.SafetensorsFile;

/**
 * diffusers' {@code AutoencoderKL} (0.27) as Stable Diffusion uses it. Parameter paths equal the diffusers
 * state-dict keys ({@code encoder.down_blocks.0.resnets.1.conv1.weight}, {@code quant_conv.weight}, …).
 *
 * <p>Shapes: N batch, images [N, 3, H, W] in [-1, 1], latents [N, latent, H/8, W/8] for SD. Each public call runs
 * in a sub-manager of its input's manager; only the returned arrays survive, in the input's manager.
 */
public final class AutoencoderKL extends Module {
    private final VaeConfig config;
    private final VaeEncoder encoder;
    private final VaeDecoder decoder;
    private final Conv2d quantConv;
    private final Conv2d postQuantConv;

    public AutoencoderKL(VaeConfig config) {
        this.config = config;
        int z = config.latentChannels();
        encoder = child("encoder", new VaeEncoder(config));
        decoder = child("decoder", new VaeDecoder(config));
        quantConv = child("quant_conv", new Conv2d(2 * z, 2 * z, 1, 1, 0, true));
        postQuantConv = child("post_quant_conv", new Conv2d(z, z, 1, 1, 0, true));
    }

    /** Loads a diffusers {@code vae/} folder ({@code config.json} + {@code diffusion_pytorch_model.safetensors}). */
    public static AutoencoderKL load(Path folder, NDManager manager, DataType type) throws IOException {
        AutoencoderKL vae = new AutoencoderKL(VaeConfig.read(folder.resolve("config.json")));
        Path weights = folder.resolve("diffusion_pytorch_model.safetensors");
        if (!Files.isRegularFile(weights)) {
            throw new IOException(weights + ": not found; a diffusers vae folder holds config.json and"
                    + " diffusion_pytorch_model.safetensors (convert a .bin to safetensors first)");
        }
        try (SafetensorsFile file = SafetensorsFile.open(weights)) {
            vae.loadWeights(file, manager, type);
        }
        return vae;
    }

    /** Fills every parameter from a file keyed by diffusers names, strictly. */
    public void loadWeights(SafetensorsFile file, NDManager manager, DataType type) throws IOException {
        StrictLoad.load(this, file, manager, type, Set.of());
    }

    public VaeConfig config() {
        return config;
    }

    /**
     * diffusers' {@code DiagonalGaussianDistribution}: mean and log-variance, both [N, latent, h, w], the latter
     * clamped to [-30, 20] as diffusers does.
     */
    public record LatentDistribution(NDArray mean, NDArray logvar) implements AutoCloseable {
        /** exp(0.5·logvar), in the distribution's manager. */
        public NDArray std() {
            NDManager owner = logvar.getManager();
            try (NDManager scope = owner.newSubManager()) {
                logvar.tempAttach(scope);
                NDArray std = logvar.mul(0.5f).exp();
                std.attach(owner);
                return std;
            }
        }

        /**
         * mean + std·eps with caller-supplied standard normal noise (what {@code latent_dist.sample()} draws), in
         * the distribution's manager.
         */
        public NDArray sample(NDArray eps) {
            NDManager owner = mean.getManager();
            try (NDManager scope = owner.newSubManager()) {
                scope.tempAttachAll(mean, logvar, eps);
                NDArray s = mean.add(logvar.mul(0.5f).exp().mul(eps)); // [N, latent, h, w]
                s.attach(owner);
                return s;
            }
        }

        @Override
        public void close() {
            mean.close();
            logvar.close();
        }
    }

    /** Encodes images [N, in, H, W] (H, W multiples of the downscale factor) to the latent distribution. */
    public LatentDistribution encode(NDArray image) {
        NDManager caller = image.getManager();
        try (NDManager scope = caller.newSubManager()) {
            image.tempAttach(scope);
            NDArray moments = quantConv.forward(encoder.forward(image)); // [N, 2·latent, h, w]
            NDList halves = moments.split(2, 1);
            NDArray mean = halves.get(0); // [N, latent, h, w]
            NDArray logvar = halves.get(1).clip(-30f, 20f);
            mean.attach(caller);
            logvar.attach(caller);
            return new LatentDistribution(mean, logvar);
        }
    }

    /**
     * The training latent: (mean + std·eps) × scaling_factor, what kohya caches and feeds the UNet.
     *
     * @param eps standard normal noise shaped like the latent
     */
    public NDArray encodeScaled(NDArray image, NDArray eps) {
        try (LatentDistribution d = encode(image)) {
            NDArray s = d.sample(eps);
            try (s) {
                return s.mul(config.scalingFactor());
            }
        }
    }

    /** Decodes unscaled latents [N, latent, h, w] (already divided by scaling_factor) to images, not clamped. */
    public NDArray decode(NDArray z) {
        NDManager caller = z.getManager();
        try (NDManager scope = caller.newSubManager()) {
            z.tempAttach(scope);
            NDArray image = decoder.forward(postQuantConv.forward(z)); // [N, out, h·f, w·f]
            image.attach(caller);
            return image;
        }
    }
}
