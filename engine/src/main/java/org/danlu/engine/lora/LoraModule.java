package org.danlu.engine.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.danlu.engine.model.nn.Conv2d;
import org.danlu.engine.model.nn.ForwardDelta;
import org.danlu.engine.model.nn.Linear;
import org.danlu.engine.model.nn.Module;
import org.danlu.engine.model.nn.Parameter;

/**
 * One low-rank adapter on one Linear or Conv2d: {@code delta(x) = up(dropout(down(x))) · multiplier · alpha/rank}
 * (computed by {@link LoraDelta}).
 * Children are registered as {@code lora_down} / {@code lora_up}, so {@code namedParameters()} yields kohya's
 * tensor names ({@code lora_down.weight}, {@code lora_up.weight}). For a conv target, down has the target's
 * kernel, stride and padding and up is 1×1, as kohya builds it.
 *
 * <p>Weights stay fp32 whatever the base model's dtype; the input is cast in and the delta cast back out
 * (the mixed-precision boundary).
 */
public final class LoraModule extends Module implements ForwardDelta {
    private final String kohyaName;
    private final int rank;
    private final float alpha;
    private final Module down;
    private final Module up;
    private final boolean conv;
    private final Conv2d convTarget;
    /** Saved with trailing 1×1 dims although the target is a Linear (SD2 proj_in/out, see LoraTargets). */
    private final boolean saveAsConv1x1;
    private float multiplier = 1f;
    private float dropout;
    private boolean training;

    LoraModule(String kohyaName, Module target, int rank, float alpha, boolean saveAsConv1x1) {
        this.kohyaName = kohyaName;
        this.rank = rank;
        // kohya: alpha 0 or None means alpha = rank (scale 1)
        this.alpha = alpha == 0f ? rank : alpha;
        this.saveAsConv1x1 = saveAsConv1x1;
        if (target instanceof Linear l) {
            conv = false;
            convTarget = null;
            down = child("lora_down", new Linear(l.inFeatures, rank, false));
            up = child("lora_up", new Linear(rank, l.outFeatures, false));
        } else if (target instanceof Conv2d c) {
            conv = true;
            convTarget = c;
            down = child("lora_down", new Conv2d(c.inChannels, rank, c.kernel, c.stride, c.padding, false));
            up = child("lora_up", new Conv2d(rank, c.outChannels, 1, 1, 0, false));
        } else {
            throw new IllegalArgumentException(kohyaName + ": LoRA targets Linear or Conv2d, not " + target.getClass().getSimpleName());
        }
    }

    public String kohyaName() {
        return kohyaName;
    }

    public int rank() {
        return rank;
    }

    public float alpha() {
        return alpha;
    }

    public float scale() {
        return alpha / rank;
    }

    public boolean isConv() {
        return conv;
    }

    public boolean saveAsConv1x1() {
        return saveAsConv1x1;
    }

    public Parameter downWeight() {
        return namedParameters().get("lora_down.weight");
    }

    public Parameter upWeight() {
        return namedParameters().get("lora_up.weight");
    }

    public void setMultiplier(float multiplier) {
        this.multiplier = multiplier;
    }

    /** network_dropout: inverted dropout on the down projection's output, only while training. */
    public void setDropout(float p) {
        this.dropout = p;
    }

    public void setTraining(boolean training) {
        this.training = training;
    }

    /**
     * kohya's init: down ~ kaiming_uniform(a=√5) = U(−1/√fan_in, 1/√fan_in), up = 0, so training starts
     * from the unchanged model.
     */
    void initialize(NDManager manager, Random rng) {
        Shape ds = downWeight().shape();
        long fanIn = ds.size() / ds.get(0);
        double bound = 1.0 / Math.sqrt(fanIn);
        float[] d = new float[(int) ds.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
        downWeight().set(manager.create(d, ds));
        upWeight().set(manager.zeros(upWeight().shape(), DataType.FLOAT32));
    }

    @Override
    public NDArray apply(NDArray x) {
        return LoraDelta.forward(x, downWeight().get(), upWeight().get(), multiplier * scale(), convTarget,
                training ? dropout : 0f);
    }

    /**
     * The merged weight change {@code multiplier · scale · up·down}, shaped like the target's weight
     * (for a 3×3 conv: conv2d(down.permute(1,0,2,3), up).permute(1,0,2,3), as kohya merges it).
     */
    public NDArray weightDelta(Shape targetShape) {
        NDArray d = downWeight().get();
        NDArray u = upWeight().get();
        NDArray delta;
        if (d.getShape().dimension() == 2 || d.getShape().get(2) == 1 && d.getShape().get(3) == 1) {
            NDArray d2 = d.reshape(rank, -1); // [r, in]
            NDArray u2 = u.reshape(-1, rank); // [out, r]
            delta = u2.matMul(d2); // [out, in]
        } else {
            NDArray dp = d.transpose(1, 0, 2, 3); // [in, r, k, k]
            delta = ai.djl.nn.convolutional.Conv2d.conv2d(dp, u).singletonOrThrow().transpose(1, 0, 2, 3); // [out, in, k, k]
        }
        return delta.mul(multiplier * scale()).reshape(targetShape);
    }
}
