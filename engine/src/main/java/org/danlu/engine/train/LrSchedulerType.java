package org.danlu.engine.train;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The learning-rate schedule names kohya's {@code --lr_scheduler} accepts that Danlu implements. */
public enum LrSchedulerType {
    CONSTANT("constant"),
    CONSTANT_WITH_WARMUP("constant_with_warmup"),
    LINEAR("linear"),
    COSINE("cosine"),
    COSINE_WITH_RESTARTS("cosine_with_restarts"),
    POLYNOMIAL("polynomial");

    private final String kohyaName;

    LrSchedulerType(String kohyaName) {
        this.kohyaName = kohyaName;
    }

    /** The name as written in a kohya config ({@code lr_scheduler = "cosine"}). */
    public String kohyaName() {
        return kohyaName;
    }

    /** Parses a kohya scheduler name (case-insensitive); unknown names get an error listing the known ones. */
    public static LrSchedulerType parse(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (LrSchedulerType type : values()) {
            if (type.kohyaName.equals(wanted)) {
                return type;
            }
        }
        String known = Arrays.stream(values()).map(LrSchedulerType::kohyaName).collect(Collectors.joining(", "));
        throw new IllegalArgumentException(
                "lr_scheduler: unknown or unsupported scheduler '" + name + "'; use one of: " + known);
    }
}
