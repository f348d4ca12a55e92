package org.danlu.engine.model.nn;

import ai.djl.ndarray.NDManager;
import java.util.Locale;

/** The {@code attention} setting: {@code sdpa} (fused, the default where it loads) or {@code chunked} (plain ops). */
public enum AttentionMode {
    SDPA,
    CHUNKED;

    /** Parses the setting's value; the error names the accepted values. */
    public static AttentionMode parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("attention = '" + value + "' is not known; use sdpa or chunked", e);
        }
    }

    public String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The kernel for this mode on {@code manager}'s device. SDPA falls back to CHUNKED when the fused module
     * cannot be loaded; {@link Choice#note()} then says why. Close the choice when the model is done.
     */
    public Choice resolve(NDManager manager) {
        if (this == CHUNKED) {
            return new Choice(CHUNKED, Attention.CHUNKED, null, "chunked (as configured)");
        }
        try {
            FusedAttention fused = FusedAttention.load(manager);
            return new Choice(SDPA, fused, fused, "sdpa (torch.scaled_dot_product_attention via TorchScript)");
        } catch (Exception | UnsatisfiedLinkError e) {
            return new Choice(CHUNKED, Attention.CHUNKED, null, "chunked: sdpa could not be loaded (" + e + ")");
        }
    }

    /** The kernel in use, the mode it actually is, and a line for logs and {@code danlu doctor}. */
    public record Choice(AttentionMode mode, AttentionFunction function, AutoCloseable resource, String note)
            implements AutoCloseable {
        @Override
        public void close() throws Exception {
            if (resource != null) {
                resource.close();
            }
        }
    }
}
