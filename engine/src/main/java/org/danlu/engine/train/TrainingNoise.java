package org.danlu.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * The noise a training step adds to the latents, in kohya's order (kohya-compat.md §5.3):
 * {@code randn_like(latents)} → noise offset (+ adaptive scale) → multires (pyramid) noise.
 * Every random number comes from one {@link Random} so a run's noise is reproducible from its seed
 * and resumable from the saved generator (torch's generator state is not reachable through DJL).
 * Results are float32 on the latents' device, attached to the latents' manager.
 */
public final class TrainingNoise {

    private TrainingNoise() {
    }

    /** Noise for {@code latents} [B, C, H, W] with the given settings. */
    public static NDArray sample(NDArray latents, NoiseSettings s, Random rng) {
        return TempScope.run(() -> {
            NDArray noise = gaussian(latents.getManager(), latents.getShape(), rng).toDevice(latents.getDevice(), false);
            if (s.noiseOffset() != 0) {
                double offset = s.noiseOffsetRandomStrength() ? rng.nextDouble() * s.noiseOffset() : s.noiseOffset();
                noise = withOffset(noise, latents, offset, s.adaptiveNoiseScale(), rng);
            }
            if (s.multiresIterations() > 0) {
                noise = pyramid(noise, s.multiresIterations(), s.multiresDiscount(), rng);
            }
            return noise;
        });
    }

    /** Standard normal float32 values drawn with {@link Random#nextGaussian()}, row-major. */
    public static NDArray gaussian(NDManager manager, Shape shape, Random rng) {
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) rng.nextGaussian();
        }
        return manager.create(values, shape);
    }

    /**
     * kohya's {@code apply_noise_offset}: {@code noise + o'·randn(B, C, 1, 1)}; with an adaptive scale a,
     * {@code o' = clamp(o + a·|mean_{h,w}(latents)|, min 0)} per sample and channel.
     */
    public static NDArray withOffset(NDArray noise, NDArray latents, double offset, Double adaptiveScale, Random rng) {
        Shape shape = latents.getShape();
        Shape perChannel = new Shape(shape.get(0), shape.get(1), 1, 1);
        return TempScope.run(() -> {
            NDArray strength;
            if (adaptiveScale != null) {
                // DJL's PyTorch mean takes one axis: flatten H·W first. [B, C, H·W] → [B, C, 1, 1]
                NDArray mean = latents.toType(DataType.FLOAT32, false).reshape(shape.get(0), shape.get(1), -1)
                        .mean(new int[] {2}).reshape(perChannel).abs();
                strength = mean.mul(adaptiveScale.floatValue()).add((float) offset).maximum(0f);
            } else {
                strength = latents.getManager().full(perChannel, (float) offset).toDevice(latents.getDevice(), false);
            }
            NDArray draw = gaussian(latents.getManager(), perChannel, rng).toDevice(latents.getDevice(), false);
            return noise.add(strength.mul(draw));
        });
    }

    /**
     * kohya's {@code pyramid_noise_like}: for i = 0..n−1, {@code r = 2 + 2·random()}, add
     * {@code bilinear_upsample(randn(B, C, max(1, int(H/r^i)), max(1, int(W/r^i)))) · d^i}, stopping
     * after a level whose side reached 1; finally divide by the (unbiased) std of the whole tensor.
     */
    public static NDArray pyramid(NDArray noise, int iterations, double discount, Random rng) {
        Shape shape = noise.getShape();
        long b = shape.get(0);
        long c = shape.get(1);
        int h = (int) shape.get(2);
        int w = (int) shape.get(3);
        return TempScope.run(() -> {
            NDArray out = noise;
            for (int i = 0; i < iterations; i++) {
                double r = rng.nextDouble() * 2 + 2;
                int hn = Math.max(1, (int) (h / Math.pow(r, i)));
                int wn = Math.max(1, (int) (w / Math.pow(r, i)));
                NDArray level = gaussian(noise.getManager(), new Shape(b, c, hn, wn), rng).toDevice(noise.getDevice(), false);
                NDArray up = BilinearUpsample.apply(level, h, w); // [B, C, H, W]
                out = out.add(up.mul((float) Math.pow(discount, i)));
                if (hn == 1 || wn == 1) {
                    break;
                }
            }
            return out.div(unbiasedStd(out));
        });
    }

    /** torch's {@code tensor.std()}: the square root of the sum of squared deviations over n − 1. */
    static NDArray unbiasedStd(NDArray x) {
        long n = x.getShape().size();
        NDArray centred = x.sub(x.mean());
        return centred.square().sum().div((float) (n - 1)).sqrt();
    }
}
