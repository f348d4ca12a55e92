package org.danlu.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Each optimizer against its reference update formula, worked independently here in plain Java
 * double arithmetic on small tensors for several steps (tolerance 1e-6).
 */
class OptimizerTest {

    private static final double TOL = 1e-6;
    private static final int STEPS = 6;
    /** d_coef 2 and weight decay 0.01, the values the Prodigy reference below is worked with. */
    private static final Prodigy.Options PRODIGY_OPTIONS =
            new Prodigy.Options(0.9, 0.999, null, 1e-8, 0.01, true, false, false, 1e-6, 2.0, Double.POSITIVE_INFINITY);

    /** Runs {@code STEPS} steps of the optimizer and of the reference, then compares. */
    private static void check(Function<NDManager, Optimizer> make, Reference reference, double lr) {
        try (NDManager m = NDManager.newBaseManager(); Optimizer opt = make.apply(m)) {
            OptimizerFixture f = new OptimizerFixture(m);
            for (int t = 1; t <= STEPS; t++) {
                opt.step(f.params, f.grads(m, t), lr);
                double[][] g = new double[f.ref.length][];
                for (int j = 0; j < g.length; j++) {
                    g[j] = OptimizerFixture.toDouble(OptimizerFixture.grad(j, t, f.ref[j].length));
                }
                reference.step(f.ref, g, lr, t);
                f.assertMatchesReference(TOL, opt.name() + " step " + t);
            }
        }
    }

    /** A reference optimizer over flat double parameters (state held by the implementation). */
    interface Reference {
        void step(double[][] p, double[][] g, double lr, int t);
    }

    @Test
    void adamWIsTorchAdamW() {
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        double wd = 0.01;
        double[][][] mv = new double[2][OptimizerFixture.SHAPES.length][];
        check(m -> new AdamW(m), (p, g, lr, t) -> {
            for (int j = 0; j < p.length; j++) {
                if (mv[0][j] == null) {
                    mv[0][j] = new double[p[j].length];
                    mv[1][j] = new double[p[j].length];
                }
                for (int e = 0; e < p[j].length; e++) {
                    p[j][e] *= 1 - lr * wd; // decoupled decay first
                    mv[0][j][e] = b1 * mv[0][j][e] + (1 - b1) * g[j][e];
                    mv[1][j][e] = b2 * mv[1][j][e] + (1 - b2) * g[j][e] * g[j][e];
                    double bc1 = 1 - Math.pow(b1, t);
                    double bc2 = 1 - Math.pow(b2, t);
                    p[j][e] -= lr / bc1 * mv[0][j][e] / (Math.sqrt(mv[1][j][e]) / Math.sqrt(bc2) + eps);
                }
            }
        }, 1e-2);
    }

    @Test
    void lionIsLionPytorch() {
        double b1 = 0.9;
        double b2 = 0.99;
        double wd = 0.1;
        double[][] ms = new double[OptimizerFixture.SHAPES.length][];
        check(m -> new Lion(m, b1, b2, wd), (p, g, lr, t) -> {
            for (int j = 0; j < p.length; j++) {
                if (ms[j] == null) {
                    ms[j] = new double[p[j].length];
                }
                for (int e = 0; e < p[j].length; e++) {
                    p[j][e] *= 1 - lr * wd;
                    p[j][e] -= lr * Math.signum(b1 * ms[j][e] + (1 - b1) * g[j][e]);
                    ms[j][e] = b2 * ms[j][e] + (1 - b2) * g[j][e];
                }
            }
        }, 1e-3);
    }

    @Test
    void sgdNesterovIsTorchSgd() {
        double mu = 0.9;
        double wd = 0.01;
        double[][] buf = new double[OptimizerFixture.SHAPES.length][];
        check(m -> new SgdNesterov(m, mu, wd), (p, g, lr, t) -> {
            for (int j = 0; j < p.length; j++) {
                for (int e = 0; e < p[j].length; e++) {
                    double d = g[j][e] + wd * p[j][e];
                    if (buf[j] == null || t == 1) {
                        if (buf[j] == null) {
                            buf[j] = new double[p[j].length];
                        }
                        buf[j][e] = d; // first step: the buffer is a copy of d
                    } else {
                        buf[j][e] = mu * buf[j][e] + d;
                    }
                    p[j][e] -= lr * (d + mu * buf[j][e]);
                }
            }
        }, 1e-2);
        assertThrows(IllegalArgumentException.class, () -> {
            try (NDManager m = NDManager.newBaseManager()) {
                new SgdNesterov(m, 0, 0);
            }
        });
    }

    /** transformers' Adafactor: 2-D tensors factored, others full; a [O, I, 1, 1] tensor reduces to the full form. */
    private static Reference adafactorReference(boolean relativeStep, boolean scaleParameter) {
        double[][] v = new double[4][];
        double[][] row = new double[4][];
        double[][] col = new double[4][];
        return (p, g, lr, t) -> {
            double beta2t = 1 - Math.pow(t, -0.8);
            for (int j = 0; j < p.length; j++) {
                int n = p[j].length;
                double rmsP = rms(p[j]);
                double rel = relativeStep ? Math.min(1e-2, 1 / Math.sqrt(t)) : lr;
                double lrT = rel * (scaleParameter ? Math.max(1e-3, rmsP) : 1);
                double[] u = new double[n];
                if (j == 1 || j == 2) { // [2, 3]: factored
                    if (row[j] == null) {
                        row[j] = new double[2];
                        col[j] = new double[3];
                    }
                    for (int r = 0; r < 2; r++) {
                        double mean = 0;
                        for (int c = 0; c < 3; c++) {
                            mean += (g[j][r * 3 + c] * g[j][r * 3 + c] + 1e-30) / 3;
                        }
                        row[j][r] = beta2t * row[j][r] + (1 - beta2t) * mean;
                    }
                    for (int c = 0; c < 3; c++) {
                        double mean = 0;
                        for (int r = 0; r < 2; r++) {
                            mean += (g[j][r * 3 + c] * g[j][r * 3 + c] + 1e-30) / 2;
                        }
                        col[j][c] = beta2t * col[j][c] + (1 - beta2t) * mean;
                    }
                    double rowMean = (row[j][0] + row[j][1]) / 2;
                    for (int r = 0; r < 2; r++) {
                        for (int c = 0; c < 3; c++) {
                            u[r * 3 + c] = g[j][r * 3 + c] / Math.sqrt(row[j][r] / rowMean) / Math.sqrt(col[j][c]);
                        }
                    }
                } else {
                    if (v[j] == null) {
                        v[j] = new double[n];
                    }
                    for (int e = 0; e < n; e++) {
                        v[j][e] = beta2t * v[j][e] + (1 - beta2t) * (g[j][e] * g[j][e] + 1e-30);
                        u[e] = g[j][e] / Math.sqrt(v[j][e]);
                    }
                }
                double clip = Math.max(1.0, rms(u) / 1.0);
                for (int e = 0; e < n; e++) {
                    p[j][e] -= u[e] / clip * lrT;
                }
            }
        };
    }

    private static double rms(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return Math.sqrt(s / x.length);
    }

    @Test
    void adafactorIsTransformersAdafactor() {
        check(m -> new Adafactor(m, Adafactor.Options.defaults(false)), adafactorReference(false, true), 1e-2);
        Adafactor.Options noScale = new Adafactor.Options(1e-30, 1e-3, 1.0, -0.8, null, 0, false, false, false);
        check(m -> new Adafactor(m, noScale), adafactorReference(false, false), 1e-3);
        check(m -> new Adafactor(m, Adafactor.Options.defaults(true)), adafactorReference(true, true), 123.0);
    }

    @Test
    void dAdaptAdamIsDadaptationV3() {
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        double[][][] st = new double[3][4][];
        double[] scalars = {1e-6, 0}; // d, numerator_weighted
        check(m -> new DAdaptAdam(m, DAdaptAdam.Options.defaults()), (p, g, lr, t) -> {
            double d = scalars[0];
            double sb2 = Math.sqrt(b2);
            double dlr = d * lr;
            double num = 0;
            double sk = 0;
            for (int j = 0; j < p.length; j++) {
                if (st[0][j] == null) {
                    for (int k = 0; k < 3; k++) {
                        st[k][j] = new double[p[j].length];
                    }
                }
                double[] mm = st[0][j];
                double[] vv = st[1][j];
                double[] s = st[2][j];
                for (int e = 0; e < p[j].length; e++) {
                    num += dlr * g[j][e] * s[e] / (Math.sqrt(vv[e]) + eps);
                    mm[e] = b1 * mm[e] + dlr * (1 - b1) * g[j][e];
                    vv[e] = b2 * vv[e] + (1 - b2) * g[j][e] * g[j][e];
                    s[e] = sb2 * s[e] + dlr * (1 - sb2) * g[j][e];
                    sk += Math.abs(s[e]);
                }
            }
            double weighted = sb2 * scalars[1] + (1 - sb2) * num;
            double dHat = weighted / ((1 - sb2) * sk);
            scalars[0] = Math.max(d, dHat);
            scalars[1] = weighted;
            for (int j = 0; j < p.length; j++) {
                for (int e = 0; e < p[j].length; e++) {
                    p[j][e] -= st[0][j][e] / (Math.sqrt(st[1][j][e]) + eps);
                }
            }
        }, 1.0);
    }

    @Test
    void prodigyIsProdigyopt() {
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        double d0 = 1e-6;
        double dCoef = 2.0;
        double wd = 0.01;
        double[][][] st = new double[4][4][]; // m, v, s, p0
        double[] sc = {d0, d0, 0}; // d, d_max, d_numerator
        check(m -> new Prodigy(m, PRODIGY_OPTIONS), (p, g, lr, t) -> {
            double b3 = Math.sqrt(b2);
            double d = sc[0];
            double dlr = d * lr;
            double num = sc[2] * b3;
            double den = 0;
            for (int j = 0; j < p.length; j++) {
                if (st[0][j] == null) {
                    for (int k = 0; k < 3; k++) {
                        st[k][j] = new double[p[j].length];
                    }
                    st[3][j] = p[j].clone();
                }
                for (int e = 0; e < p[j].length; e++) {
                    num += (d / d0) * dlr * g[j][e] * (st[3][j][e] - p[j][e]);
                    st[0][j][e] = b1 * st[0][j][e] + d * (1 - b1) * g[j][e];
                    st[1][j][e] = b2 * st[1][j][e] + d * d * (1 - b2) * g[j][e] * g[j][e];
                    st[2][j][e] = b3 * st[2][j][e] + (d / d0) * dlr * g[j][e];
                    den += Math.abs(st[2][j][e]);
                }
            }
            double dHat = dCoef * num / den;
            double newD = d;
            if (d == d0) {
                newD = Math.max(d, dHat);
            }
            sc[1] = Math.max(sc[1], dHat);
            double growthRate = Double.POSITIVE_INFINITY; // prodigyopt's default: d = min(d_max, d·growth) = d_max
            newD = Math.min(sc[1], newD * growthRate);
            sc[0] = newD;
            sc[2] = num;
            for (int j = 0; j < p.length; j++) {
                for (int e = 0; e < p[j].length; e++) {
                    p[j][e] -= wd * dlr * p[j][e]; // decoupled decay with the step's old dlr
                    p[j][e] -= dlr * st[0][j][e] / (Math.sqrt(st[1][j][e]) + newD * eps);
                }
            }
        }, 1.0);
    }

    @Test
    void theDEstimatesActuallyAdaptInTheseRuns() {
        // Guards the two tests above: D must move off d0 within the compared steps, or they prove little.
        try (NDManager m = NDManager.newBaseManager();
             DAdaptAdam dadapt = new DAdaptAdam(m, DAdaptAdam.Options.defaults());
             Prodigy prodigy = new Prodigy(m, PRODIGY_OPTIONS)) {
            OptimizerFixture a = new OptimizerFixture(m);
            OptimizerFixture b = new OptimizerFixture(m);
            for (int t = 1; t <= STEPS; t++) {
                dadapt.step(a.params, a.grads(m, t), 1.0);
                prodigy.step(b.params, b.grads(m, t), 1.0);
            }
            assertTrue(dadapt.d() > 2e-6, "DAdaptAdam d = " + dadapt.d()); // grows ~3.6x from 1e-6 here
            assertTrue(prodigy.d() > 1e-5, "Prodigy d = " + prodigy.d());
            assertEquals(dadapt.d(), dadapt.exportState().scalar("d"), 0);
        }
    }

    @Test
    void groupsKeepTheirOwnLearningRates() {
        try (NDManager m = NDManager.newBaseManager(); Optimizer opt = new Lion(m, 0.9, 0.99, 0)) {
            NDArray a = m.create(new float[] {1f});
            NDArray b = m.create(new float[] {1f});
            opt.step(List.of(new ParamGroup(List.of(a), List.of(m.create(new float[] {2f})), 0.1),
                    new ParamGroup(List.of(b), List.of(m.create(new float[] {2f})), 0.01)));
            // Lion moves by exactly lr·sign(update): 1 − 0.1 and 1 − 0.01.
            assertEquals(0.9f, a.getFloat(), 1e-7f);
            assertEquals(0.99f, b.getFloat(), 1e-7f);
        }
        try (NDManager m = NDManager.newBaseManager(); Optimizer opt = new Prodigy(m, Prodigy.Options.defaults())) {
            NDArray a = m.create(new float[] {1f});
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> opt.step(List.of(
                    new ParamGroup(List.of(a), List.of(a.duplicate()), 1.0),
                    new ParamGroup(List.of(a), List.of(a.duplicate()), 0.5))));
            assertTrue(e.getMessage().contains("text_encoder_lr"), e.getMessage());
        }
    }

    /** Saving after 3 steps and resuming in a fresh optimizer gives exactly the uninterrupted result. */
    @Test
    void stateExportAndImportResumeExactly() {
        List<Function<NDManager, Optimizer>> makers = List.of(
                m -> new AdamW(m), m -> new Lion(m, 0.9, 0.99, 0.01), m -> new SgdNesterov(m, 0.9, 0),
                m -> new Adafactor(m, Adafactor.Options.defaults(false)),
                m -> new DAdaptAdam(m, DAdaptAdam.Options.defaults()), m -> new Prodigy(m, Prodigy.Options.defaults()));
        for (Function<NDManager, Optimizer> make : makers) {
            try (NDManager m = NDManager.newBaseManager()) {
                double lr = 1e-2;
                OptimizerFixture straight = new OptimizerFixture(m);
                OptimizerFixture resumed = new OptimizerFixture(m);
                String name;
                try (Optimizer a = make.apply(m)) {
                    name = a.name();
                    for (int t = 1; t <= 5; t++) {
                        a.step(straight.params, straight.grads(m, t), lr);
                    }
                }
                OptimizerState saved;
                try (Optimizer first = make.apply(m)) {
                    for (int t = 1; t <= 3; t++) {
                        first.step(resumed.params, resumed.grads(m, t), lr);
                    }
                    OptimizerState live = first.exportState();
                    assertEquals(3.0, live.scalar("step"), name);
                    // Copy out, as a checkpoint writer would, before the optimizer is closed.
                    java.util.Map<String, NDArray> copies = new java.util.HashMap<>();
                    live.tensors().forEach((k, v) -> copies.put(k, m.create(v.toFloatArray(), v.getShape())));
                    saved = new OptimizerState(live.optimizer(), copies, live.scalars());
                }
                try (Optimizer second = make.apply(m)) {
                    second.importState(saved);
                    for (int t = 4; t <= 5; t++) {
                        second.step(resumed.params, resumed.grads(m, t), lr);
                    }
                }
                for (int j = 0; j < straight.params.size(); j++) {
                    float[] x = straight.params.get(j).toFloatArray();
                    float[] y = resumed.params.get(j).toFloatArray();
                    for (int e = 0; e < x.length; e++) {
                        assertEquals(x[e], y[e], 0f, name + " parameter " + j);
                    }
                }
            }
        }
        try (NDManager m = NDManager.newBaseManager(); Optimizer lion = new Lion(m, 0.9, 0.99, 0); Optimizer adam = new AdamW(m)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> adam.importState(lion.exportState()));
            assertTrue(e.getMessage().contains("Lion"), e.getMessage());
        }
    }
}
