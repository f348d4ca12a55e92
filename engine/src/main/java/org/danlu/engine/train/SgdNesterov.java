package org.danlu.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.List;

/**
 * {@code torch.optim.SGD(nesterov=True)}, kohya's SGDNesterov (momentum 0.9 unless given, dampening 0):
 * {@code d = g + wd·p}; the buffer starts as a copy of d, then {@code b ← μ·b + d};
 * {@code p ← p − lr·(d + μ·b)}.
 */
public final class SgdNesterov extends StatefulOptimizer {

    private final double momentum;
    private final double weightDecay;

    public SgdNesterov(NDManager manager, double momentum, double weightDecay) {
        super(manager);
        if (momentum <= 0) {
            throw new IllegalArgumentException("SGDNesterov needs momentum > 0 (kohya uses 0.9), got " + momentum);
        }
        this.momentum = momentum;
        this.weightDecay = weightDecay;
    }

    @Override
    public String name() {
        return "SGDNesterov";
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
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray d = weightDecay != 0 ? g.add(p.mul((float) weightDecay)) : g;
                    NDArray buf;
                    if (!hasState("momentum_buffer", index)) {
                        buf = putStateCopy("momentum_buffer", index, d);
                    } else {
                        buf = state("momentum_buffer", index, p);
                        buf.muli((float) momentum).addi(d);
                    }
                    p.subi(d.add(buf.mul((float) momentum)).muli((float) lr));
                }
            }
        }
    }
}
