package org.danlu.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.List;

/**
 * Lion as {@code lion_pytorch} (which kohya uses): {@code p ← p·(1 − lr·wd)},
 * {@code p ← p − lr·sign(β1·m + (1−β1)·g)}, then {@code m ← β2·m + (1−β2)·g}.
 * Defaults: β (0.9, 0.99), wd 0.
 */
public final class Lion extends StatefulOptimizer {

    private final double beta1;
    private final double beta2;
    private final double weightDecay;

    public Lion(NDManager manager, double beta1, double beta2, double weightDecay) {
        super(manager);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.weightDecay = weightDecay;
    }

    @Override
    public String name() {
        return "Lion";
    }

    @Override
    public void step(List<ParamGroup> groups) {
        steps++;
        int index = 0;
        for (ParamGroup group : groups) {
            double lr = group.lr();
            for (int i = 0; i < group.params().size(); i++, index++) {
                NDArray p = group.params().get(i);
                NDArray g = group.grads().get(i);
                NDArray m = state("exp_avg", index, p);
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    p.muli((float) (1 - lr * weightDecay));
                    NDArray update = m.mul((float) beta1).addi(g.mul((float) (1 - beta1))).sign();
                    p.subi(update.muli((float) lr));
                    m.muli((float) beta2).addi(g.mul((float) (1 - beta2)));
                }
            }
        }
    }
}
