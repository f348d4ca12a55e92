package org.danlu.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.List;
import java.util.Map;

/**
 * {@code prodigyopt.Prodigy} (slice_p = 1): Adam with a step size D estimated from the distance
 * travelled from the initial weights p0. With {@code dlr = d·lr·bc} and β3 = √β2 unless given:
 * {@code N ← β3·N + Σ (d/d0)·dlr·⟨g, p0 − p⟩}, {@code m ← β1·m + d(1−β1)·g},
 * {@code v ← β2·v + d²(1−β2)·g²}, {@code s ← β3·s + (d/d0)·dlr·g} (·d instead of ·dlr with
 * safeguard_warmup), {@code D = Σ‖s‖₁}; {@code d̂ = d_coef·N/D}; d rises to d̂ on the first step
 * and never falls: {@code d_max = max(d_max, d̂)}, {@code d = min(d_max, d·growth)}; finally
 * {@code p ← p − wd·dlr·p} (decoupled, default) and {@code p ← p − dlr·m/(√v + d·ε)} with the old dlr.
 */
public final class Prodigy extends StatefulOptimizer {

    /** prodigyopt's defaults: β (0.9, 0.999), β3 √β2, ε 1e-8, wd 0 decoupled, d0 1e-6, d_coef 1. */
    public record Options(double beta1, double beta2, Double beta3, double eps, double weightDecay, boolean decouple,
                          boolean useBiasCorrection, boolean safeguardWarmup, double d0, double dCoef,
                          double growthRate) {

        public static Options defaults() {
            return new Options(0.9, 0.999, null, 1e-8, 0, true, false, false, 1e-6, 1.0, Double.POSITIVE_INFINITY);
        }
    }

    private final Options o;
    private double d;
    private double dMax;
    private double dNumerator;

    public Prodigy(NDManager manager, Options options) {
        super(manager);
        this.o = options;
        this.d = options.d0();
        this.dMax = options.d0();
    }

    @Override
    public String name() {
        return "Prodigy";
    }

    /** The current D estimate (the effective lr is d × lr). */
    public double d() {
        return d;
    }

    @Override
    public void step(List<ParamGroup> groups) {
        double lr = DAdaptiveLr.sharedLr(groups, name());
        double beta3 = o.beta3() != null ? o.beta3() : Math.sqrt(o.beta2());
        long k = steps;
        double bc = o.useBiasCorrection()
                ? Math.sqrt(1 - Math.pow(o.beta2(), k + 1)) / (1 - Math.pow(o.beta1(), k + 1))
                : 1.0;
        double dlr = d * lr * bc;
        double numerator = dNumerator * beta3;
        double denominator = 0;
        double d0 = o.d0();
        int index = 0;
        for (ParamGroup group : groups) {
            for (int i = 0; i < group.params().size(); i++, index++) {
                NDArray p = group.params().get(i);
                if (!hasState("p0", index)) {
                    putStateCopy("p0", index, p);
                }
                NDArray p0 = state("p0", index, p);
                NDArray m = state("exp_avg", index, p);
                NDArray v = state("exp_avg_sq", index, p);
                NDArray s = state("s", index, p);
                if (group.lr() <= 0) {
                    continue;
                }
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray g = o.weightDecay() != 0 && !o.decouple()
                            ? group.grads().get(i).add(p.mul((float) o.weightDecay()))
                            : group.grads().get(i);
                    numerator += (d / d0) * dlr * g.mul(p0.sub(p)).sum().getFloat();
                    m.muli((float) o.beta1()).addi(g.mul((float) (d * (1 - o.beta1()))));
                    v.muli((float) o.beta2()).addi(g.square().muli((float) (d * d * (1 - o.beta2()))));
                    double sAlpha = o.safeguardWarmup() ? (d / d0) * d : (d / d0) * dlr;
                    s.muli((float) beta3).addi(g.mul((float) sAlpha));
                    denominator += s.abs().sum().getFloat();
                }
            }
        }
        if (denominator == 0) {
            return; // no gradient yet: prodigyopt returns before stepping
        }
        if (lr > 0) {
            double dHat = o.dCoef() * numerator / denominator;
            if (d == d0) {
                d = Math.max(d, dHat);
            }
            dMax = Math.max(dMax, dHat);
            d = Math.min(dMax, d * o.growthRate());
        }
        dNumerator = numerator;
        index = 0;
        for (ParamGroup group : groups) {
            for (int i = 0; i < group.params().size(); i++, index++) {
                NDArray p = group.params().get(i);
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray denom = state("exp_avg_sq", index, p).sqrt().addi((float) (d * o.eps()));
                    if (o.weightDecay() != 0 && o.decouple()) {
                        p.subi(p.mul((float) (o.weightDecay() * dlr)));
                    }
                    p.subi(state("exp_avg", index, p).div(denom).muli((float) dlr));
                }
            }
        }
        steps++;
    }

    @Override
    protected Map<String, Double> scalars() {
        return Map.of("d", d, "d_max", dMax, "d_numerator", dNumerator);
    }

    @Override
    protected void loadScalars(OptimizerState state) {
        d = state.scalar("d");
        dMax = state.scalar("d_max");
        dNumerator = state.scalar("d_numerator");
    }
}
