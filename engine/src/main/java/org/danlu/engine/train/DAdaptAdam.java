package org.danlu.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.List;
import java.util.Map;

/**
 * {@code dadaptation.DAdaptAdam} (version 3): Adam whose step size d·lr is estimated from the run.
 * With {@code dlr = d·lr·bc} (bc = 1, or {@code √(1−β2^(k+1))/(1−β1^(k+1))} with bias correction):
 * per parameter {@code num += dlr·⟨g, s/(√v+ε)⟩} (before the moment updates), {@code m ← β1·m + dlr(1−β1)·g},
 * {@code v ← β2·v + (1−β2)·g²}, {@code s ← √β2·s + dlr(1−√β2)·g}, {@code ‖s‖₁} summed; then
 * {@code N ← √β2·N + (1−√β2)·num}, {@code d ← max(d, min(N/((1−√β2)·Σ‖s‖₁), d·growth))}, and
 * {@code p ← p − m/(√v+ε)} (decoupled decay {@code p ← p − wd·dlr·p} first if asked). lr is the
 * largest group lr; other groups must use it or 0.
 */
public final class DAdaptAdam extends StatefulOptimizer {

    /** dadaptation's defaults: β (0.9, 0.999), ε 1e-8, wd 0, coupled decay, no bias correction, d0 1e-6. */
    public record Options(double beta1, double beta2, double eps, double weightDecay, boolean decouple,
                          boolean useBiasCorrection, double d0, double growthRate) {

        public static Options defaults() {
            return new Options(0.9, 0.999, 1e-8, 0, false, false, 1e-6, Double.POSITIVE_INFINITY);
        }
    }

    private final Options o;
    private double d;
    private double numeratorWeighted;

    public DAdaptAdam(NDManager manager, Options options) {
        super(manager);
        this.o = options;
        this.d = options.d0();
    }

    @Override
    public String name() {
        return "DAdaptAdam";
    }

    /** The current D estimate (the effective lr is d × lr). */
    public double d() {
        return d;
    }

    @Override
    public void step(List<ParamGroup> groups) {
        double lr = DAdaptiveLr.sharedLr(groups, name());
        long k = steps;
        double sqrtBeta2 = Math.sqrt(o.beta2());
        double bc = o.useBiasCorrection()
                ? Math.sqrt(1 - Math.pow(o.beta2(), k + 1)) / (1 - Math.pow(o.beta1(), k + 1))
                : 1.0;
        double dlr = d * lr * bc;
        double numeratorAcc = 0;
        double skL1 = 0;
        int index = 0;
        for (ParamGroup group : groups) {
            for (int i = 0; i < group.params().size(); i++, index++) {
                NDArray p = group.params().get(i);
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
                    NDArray denom = v.sqrt().addi((float) o.eps());
                    numeratorAcc += dlr * g.mul(s.div(denom)).sum().getFloat();
                    m.muli((float) o.beta1()).addi(g.mul((float) (dlr * (1 - o.beta1()))));
                    v.muli((float) o.beta2()).addi(g.square().muli((float) (1 - o.beta2())));
                    s.muli((float) sqrtBeta2).addi(g.mul((float) (dlr * (1 - sqrtBeta2))));
                    skL1 += s.abs().sum().getFloat();
                }
            }
        }
        double weighted = sqrtBeta2 * numeratorWeighted + (1 - sqrtBeta2) * numeratorAcc;
        if (skL1 == 0) {
            return; // no gradient yet: dadaptation returns before storing anything or stepping
        }
        if (lr > 0) {
            double dHat = weighted / ((1 - sqrtBeta2) * skL1);
            d = Math.max(d, Math.min(dHat, d * o.growthRate()));
        }
        numeratorWeighted = weighted;
        index = 0;
        for (ParamGroup group : groups) {
            for (int i = 0; i < group.params().size(); i++, index++) {
                NDArray p = group.params().get(i);
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray denom = state("exp_avg_sq", index, p).sqrt().addi((float) o.eps());
                    if (o.weightDecay() != 0 && o.decouple()) {
                        p.subi(p.mul((float) (o.weightDecay() * dlr)));
                    }
                    p.subi(state("exp_avg", index, p).div(denom));
                }
            }
        }
        steps++;
    }

    @Override
    protected Map<String, Double> scalars() {
        return Map.of("d", d, "numerator_weighted", numeratorWeighted);
    }

    @Override
    protected void loadScalars(OptimizerState state) {
        d = state.scalar("d");
        numeratorWeighted = state.scalar("numerator_weighted");
    }
}
