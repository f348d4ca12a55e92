package org.danlu.engine.train;

import java.util.List;

/** The learning-rate rule D-Adaptation and Prodigy share: one lr, the largest; other groups may only use it or 0. */
final class DAdaptiveLr {

    private DAdaptiveLr() {
    }

    static double sharedLr(List<ParamGroup> groups, String optimizer) {
        double lr = 0;
        for (ParamGroup g : groups) {
            lr = Math.max(lr, g.lr());
        }
        for (ParamGroup g : groups) {
            if (g.lr() != lr && g.lr() != 0.0) {
                throw new IllegalArgumentException(optimizer + " uses one learning rate for all parameters: got "
                        + g.lr() + " and " + lr + "; set unet_lr and text_encoder_lr equal (around 1.0), or 0 to freeze one");
            }
        }
        return lr;
    }
}
