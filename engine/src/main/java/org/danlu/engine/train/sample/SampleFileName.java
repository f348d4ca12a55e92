package org.danlu.engine.train.sample;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * kohya's sample file names ({@code sample_image_inference}):
 * {@code [output_name_]{e%06d epoch | %06d step}_{prompt index:02d}_{YYYYmmddHHMMSS}[_seed].png}, local time, the
 * seed only when the prompt gave one.
 */
public final class SampleFileName {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private SampleFileName() {}

    /**
     * @param outputName the run's output_name, or null
     * @param counter {@link #step} or {@link #epoch}, or null to leave it out (the command line)
     * @param seed the prompt's own seed, or null
     */
    public static String of(String outputName, String counter, int index, LocalDateTime time, Long seed) {
        StringBuilder sb = new StringBuilder();
        if (outputName != null && !outputName.isEmpty()) {
            sb.append(outputName).append('_');
        }
        if (counter != null) {
            sb.append(counter).append('_');
        }
        sb.append(String.format("%02d", index)).append('_').append(STAMP.format(time));
        if (seed != null) {
            sb.append('_').append(seed);
        }
        return sb.append(".png").toString();
    }

    /** kohya's counter for a sample taken at a step: the step, 6 digits. */
    public static String step(int step) {
        return String.format("%06d", step);
    }

    /** kohya's counter for a sample taken at the end of an epoch: "e" and the epoch, 6 digits. */
    public static String epoch(int epoch) {
        return String.format("e%06d", epoch);
    }
}
