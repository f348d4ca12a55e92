package org.danlu.engine.bucket;

import java.util.List;

/**
 * kohya's regularization balancing (DreamBoothDataset): reg samples are made to match the train
 * samples. Pass 1 registers reg images in order, each with its own repeats, until the running count
 * reaches the number of train samples (later reg images are never used); further passes add one
 * repeat to each registered image in turn until the count is reached.
 */
public final class RegBalance {

    private RegBalance() {
    }

    /**
     * The repeats each input is trained with: train images keep theirs; reg images get their
     * balanced repeats, 0 when sd-scripts never registers them. Inputs must be in kohya's order
     * (subset order, then sorted path within a subset).
     */
    public static int[] effectiveRepeats(List<BucketInput> inputs) {
        int[] out = new int[inputs.size()];
        long numTrain = 0;
        int regCount = 0;
        for (int i = 0; i < out.length; i++) {
            BucketInput in = inputs.get(i);
            if (in.reg()) {
                regCount++;
            } else {
                out[i] = in.repeats();
                numTrain += in.repeats();
            }
        }
        if (regCount == 0 || numTrain == 0) {
            return out;
        }
        // Pass 1: register reg images with their own repeats while n < numTrain.
        long n = 0;
        for (int i = 0; i < out.length && n < numTrain; i++) {
            BucketInput in = inputs.get(i);
            if (in.reg()) {
                out[i] = in.repeats();
                n += in.repeats();
            }
        }
        if (n >= numTrain) {
            return out;
        }
        // Every reg image was registered; the remaining passes add 1 per image in turn. Done in
        // closed form: each image gets deficit / regCount, the first deficit % regCount one more.
        long deficit = numTrain - n;
        long each = deficit / regCount;
        long extra = deficit % regCount;
        for (int i = 0; i < out.length; i++) {
            if (inputs.get(i).reg()) {
                out[i] += (int) (each + (extra-- > 0 ? 1 : 0));
            }
        }
        return out;
    }
}
