package org.danlu.engine.tensor;

import java.io.IOException;
import java.nio.file.Path;

/** A safetensors file that is not what its header claims; the message names the file and the problem. */
public final class SafetensorsFormatException extends IOException {
    public SafetensorsFormatException(Path file, String problem) {
        super(file + ": not a valid safetensors file: " + problem);
    }
}
