package org.danlu.engine.bucket;

/**
 * One image's plan: the input, the repeats it trains with (after regularization balancing; 0 for
 * a reg image kohya never uses) and its placement.
 */
public record ImagePlan(BucketInput input, int repeats, Placement placement) {

    public boolean used() {
        return repeats > 0;
    }
}
