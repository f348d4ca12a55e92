package org.danlu.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.danlu.engine.model.nn.NativeScalar;
import org.danlu.engine.model.nn.TorchOwned;
import java.util.Locale;

/**
 * kohya's {@code loss_type} with its Huber threshold schedule (kohya-compat.md §5.5), element-wise
 * in float32 and then averaged over C, H, W per sample: {@code l2} (p−y)², {@code l1} |p−y|,
 * {@code huber} 2c(√((p−y)² + c²) − c), {@code smooth_l1} 2(√((p−y)² + c²) − c), with a per-sample
 * c from {@code huber_schedule}: {@code snr} (default) {@code (1 − huber_c)/(1 + σ_t)² + huber_c},
 * σ_t = √((1−ᾱ_t)/ᾱ_t); {@code exponential} {@code exp(−t·(−ln huber_c)/1000)·huber_scale};
 * {@code constant} {@code huber_c·huber_scale}.
 */
public record LossFunction(Type type, HuberSchedule schedule, double huberC, double huberScale) {

    public enum Type { L2, L1, HUBER, SMOOTH_L1 }

    public enum HuberSchedule { SNR, EXPONENTIAL, CONSTANT }

    /** kohya's default: plain MSE. */
    public static LossFunction l2() {
        return new LossFunction(Type.L2, HuberSchedule.SNR, 0.1, 1.0);
    }

    /** Parses kohya's {@code loss_type} and {@code huber_schedule} values. */
    public static LossFunction parse(String lossType, String huberSchedule, double huberC, double huberScale) {
        Type type = switch (lossType == null ? "l2" : lossType.trim().toLowerCase(Locale.ROOT)) {
            case "l2" -> Type.L2;
            case "l1" -> Type.L1;
            case "huber" -> Type.HUBER;
            case "smooth_l1" -> Type.SMOOTH_L1;
            default -> throw new IllegalArgumentException("loss_type: unknown value \"" + lossType
                    + "\"; use l2, l1, huber or smooth_l1");
        };
        HuberSchedule schedule = switch (huberSchedule == null ? "snr" : huberSchedule.trim().toLowerCase(Locale.ROOT)) {
            case "snr" -> HuberSchedule.SNR;
            case "exponential" -> HuberSchedule.EXPONENTIAL;
            case "constant" -> HuberSchedule.CONSTANT;
            default -> throw new IllegalArgumentException("huber_schedule: unknown value \"" + huberSchedule
                    + "\"; use snr, exponential or constant");
        };
        return new LossFunction(type, schedule, huberC, huberScale);
    }

    /** The per-sample Huber threshold c for each timestep. */
    public float[] huberThresholds(int[] timesteps, NoiseSchedule noise) {
        float[] c = new float[timesteps.length];
        for (int i = 0; i < c.length; i++) {
            int t = timesteps[i];
            c[i] = (float) switch (schedule) {
                case SNR -> {
                    double a = noise.alphaCumprod(t);
                    double sigma = Math.sqrt((1.0 - a) / a);
                    yield (1 - huberC) / ((1 + sigma) * (1 + sigma)) + huberC;
                }
                case EXPONENTIAL -> Math.exp(-t * (-Math.log(huberC) / noise.steps())) * huberScale;
                case CONSTANT -> huberC * huberScale;
            };
        }
        return c;
    }

    /** The loss per sample, [B] float32: element-wise loss averaged over everything but the batch axis. */
    public NDArray perSample(NDArray pred, NDArray target, int[] timesteps, NoiseSchedule noise) {
        if (type == Type.L2) {
            return DiffusionLoss.perSampleMse(pred, target);
        }
        long batch = pred.getShape().get(0);
        return TempScope.run(() -> {
            NDArray diff = pred.toType(DataType.FLOAT32, false).sub(target.toType(DataType.FLOAT32, false));
            NDArray elementwise;
            if (type == Type.L1) {
                elementwise = diff.abs();
            } else {
                long[] dims = new long[pred.getShape().dimension()];
                java.util.Arrays.fill(dims, 1);
                dims[0] = batch;
                // torch-owned: c is used on the gradient path (see TorchOwned)
                NDArray c = TorchOwned.copy(pred.getManager().create(huberThresholds(timesteps, noise), new Shape(dims)))
                        .toDevice(pred.getDevice(), false); // [B, 1, 1, 1]
                NDArray root = diff.square().add(c.square()).sqrt().sub(c);
                // NativeScalar, not mul(2f): the loss is on the gradient path (see NativeScalar)
                elementwise = NativeScalar.times(type == Type.HUBER ? root.mul(c) : root, 2f);
            }
            return elementwise.reshape(batch, -1).mean(new int[] {1});
        });
    }
}
