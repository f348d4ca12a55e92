package org.danlu.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * {@code transformers.optimization.Adafactor}. Per parameter at step t: lr_t = the given lr (or,
 * with {@code relative_step}, {@code min(1e-2, 1/√t)}), times {@code max(ε2, RMS(p))} with
 * {@code scale_parameter}; {@code β2t = 1 − t^decay_rate}; second moment of {@code g² + ε1} kept
 * factored (row and column means) for tensors of 2+ dims, else full; update {@code g/√v̂}, clipped to
 * RMS ≤ {@code clip_threshold}, times lr_t; optional first moment β1; {@code p ← p − wd·lr_t·p − update}.
 * Defaults: ε (1e-30, 1e-3), clip 1.0, decay −0.8, β1 none, wd 0, scale_parameter true.
 */
public final class Adafactor extends StatefulOptimizer {

    /** transformers' Adafactor options. */
    public record Options(double eps1, double eps2, double clipThreshold, double decayRate, Double beta1,
                          double weightDecay, boolean scaleParameter, boolean relativeStep, boolean warmupInit) {

        public static Options defaults(boolean relativeStep) {
            return new Options(1e-30, 1e-3, 1.0, -0.8, null, 0.0, true, relativeStep, false);
        }
    }

    private final Options o;

    public Adafactor(NDManager manager, Options options) {
        super(manager);
        this.o = options;
    }

    @Override
    public String name() {
        return "Adafactor";
    }

    @Override
    public void step(List<ParamGroup> groups) {
        steps++;
        double beta2t = 1.0 - Math.pow(steps, o.decayRate());
        int index = 0;
        for (ParamGroup group : groups) {
            for (int i = 0; i < group.params().size(); i++, index++) {
                update(group.params().get(i), group.grads().get(i), group.lr(), beta2t, index);
            }
        }
    }

    private void update(NDArray p, NDArray g, double lr, double beta2t, int index) {
        Shape shape = g.getShape();
        int dims = shape.dimension();
        boolean factored = dims >= 2;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            double stepLr = learningRate(lr, rms(p));
            NDArray sq = g.square().addi((float) o.eps1());
            NDArray update;
            if (factored) {
                // row: mean over the last axis, shape[:-1]; col: mean over the second-to-last, shape[:-2] + shape[-1:].
                NDArray row = state("exp_avg_sq_row", index, sq.mean(new int[] {dims - 1}).getShape(), p);
                NDArray col = state("exp_avg_sq_col", index, sq.mean(new int[] {dims - 2}).getShape(), p);
                row.muli((float) beta2t).addi(sq.mean(new int[] {dims - 1}).muli((float) (1 - beta2t)));
                col.muli((float) beta2t).addi(sq.mean(new int[] {dims - 2}).muli((float) (1 - beta2t)));
                // approx. 1/√v̂ = rsqrt(row / mean(row)) ⊗ rsqrt(col)
                NDArray rowFactor = row.div(row.mean(new int[] {dims - 2}, true)).sqrt().pow(-1f).expandDims(dims - 1);
                NDArray colFactor = col.sqrt().pow(-1f).expandDims(dims - 2);
                update = rowFactor.mul(colFactor).muli(g);
            } else {
                NDArray v = state("exp_avg_sq", index, p);
                v.muli((float) beta2t).addi(sq.muli((float) (1 - beta2t)));
                update = v.sqrt().pow(-1f).muli(g);
            }
            double clip = Math.max(1.0, rms(update) / o.clipThreshold());
            update.divi((float) clip).muli((float) stepLr);
            if (o.beta1() != null) {
                NDArray m = state("exp_avg", index, p);
                m.muli(o.beta1().floatValue()).addi(update.mul((float) (1 - o.beta1())));
                update = m;
            }
            if (o.weightDecay() != 0) {
                p.subi(p.mul((float) (o.weightDecay() * stepLr)));
            }
            p.subi(update);
        }
    }

    /** transformers' {@code _get_lr}. */
    private double learningRate(double lr, double paramRms) {
        double relStep = lr;
        if (o.relativeStep()) {
            double minStep = o.warmupInit() ? 1e-6 * steps : 1e-2;
            relStep = Math.min(minStep, 1.0 / Math.sqrt(steps));
        }
        double paramScale = o.scaleParameter() ? Math.max(o.eps2(), paramRms) : 1.0;
        return paramScale * relStep;
    }

    /** {@code ‖x‖₂ / √numel}. */
    private static double rms(NDArray x) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return Math.sqrt(x.square().sum().getFloat()) / Math.sqrt(x.getShape().size());
        }
    }
}
