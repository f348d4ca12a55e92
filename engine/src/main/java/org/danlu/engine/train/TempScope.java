package org.danlu.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.function.Supplier;

/**
 * Runs tensor code in its own {@link NDScope} so every temporary is closed, and hands the result
 * to the caller's scope (if the caller has one open) instead of letting it escape all scopes.
 */
final class TempScope {

    private TempScope() {
    }

    static NDArray run(Supplier<NDArray> body) {
        NDArray out;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            out = body.get();
            NDScope.unregister(out);
        }
        NDScope.register(out);
        return out;
    }
}
