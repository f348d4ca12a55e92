package org.danlu.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.List;

/**
 * {@code torch.optim.AdamW} (single-tensor path): decoupled weight decay {@code p ← p·(1 − lr·wd)},
 * {@code m ← β1·m + (1−β1)·g}, {@code v ← β2·v + (1−β2)·g²}, then
 * {@code p ← p − lr/(1−β1^t) · m / (√v/√(1−β2^t) + ε)}. torch defaults: β (0.9, 0.999), ε 1e-8, wd 0.01.
 */
public final class AdamW extends StatefulOptimizer {

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;

    public AdamW(NDManager manager, double beta1, double beta2, double eps, double weightDecay) {
        super(manager);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    /** torch's defaults. */
    public AdamW(NDManager manager) {
        this(manager, 0.9, 0.999, 1e-8, 0.01);
    }

    @Override
    public String name() {
        return "AdamW";
    }

    @Override
    public void step(List<ParamGroup> groups) {
        steps++;
        double biasCorrection1 = 1 - Math.pow(beta1, steps);
        double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(beta2, steps));
        int index = 0;
        for (ParamGroup group : groups) {
            double lr = group.lr();
            for (int i = 0; i < group.params().size(); i++, index++) {
                NDArray p = group.params().get(i);
                NDArray g = group.grads().get(i);
                NDArray m = state("exp_avg", index, p);
                NDArray v = state("exp_avg_sq", index, p);
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    p.muli((float) (1 - lr * weightDecay));
                    m.muli((float) beta1).addi(g.mul((float) (1 - beta1)));
                    v.muli((float) beta2).addi(g.square().muli((float) (1 - beta2)));
                    NDArray denom = v.sqrt().divi((float) biasCorrection2Sqrt).addi((float) eps);
                    p.subi(m.div(denom).muli((float) (lr / biasCorrection1)));
                }
            }
        }
    }
}
