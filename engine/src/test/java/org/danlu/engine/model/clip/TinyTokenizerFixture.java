package org.danlu.engine.model.clip;

import java.io.IOException;
import java.nio.file.Path;

/** Opens the CLIP tests' tiny tokenizer.json (see {@link TinyClipTokenizerJson}) to tests in other packages. */
public final class TinyTokenizerFixture {
    private TinyTokenizerFixture() {}

    /** Writes {@code dir/tokenizer.json} and returns its path. */
    public static Path write(Path dir) throws IOException {
        return TinyClipTokenizerJson.write(dir);
    }
}
