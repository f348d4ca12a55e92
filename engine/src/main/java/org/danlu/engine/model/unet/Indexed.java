package org.danlu.engine.model.unet;

import org.danlu.engine.model.nn.Module;

/** A torch {@code ModuleList}: children named 0, 1, 2, … in insertion order. */
final class Indexed extends Module {
    private int size;

    <M extends Module> M add(M module) {
        return child(Integer.toString(size++), module);
    }
}
