package org.danlu.engine.train;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * Parameters that share a learning rate (kohya: the U-Net LoRA at {@code unet_lr}, the text
 * encoder LoRA at {@code text_encoder_lr}) with their gradients, in the same order.
 */
public record ParamGroup(List<NDArray> params, List<NDArray> grads, double lr) {

    public ParamGroup {
        if (params.size() != grads.size()) {
            throw new IllegalArgumentException(params.size() + " parameters but " + grads.size() + " gradients");
        }
        params = List.copyOf(params);
        grads = List.copyOf(grads);
    }
}
