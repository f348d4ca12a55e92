package org.danlu.engine.train.sample;

import java.nio.file.Path;

/** A sample image on disk and what made it (the trainer turns each into a {@code sample} event). */
public record WrittenSample(Path file, SampleRequest request, String parameters) {
    public String prompt() {
        return request.prompt();
    }
}
