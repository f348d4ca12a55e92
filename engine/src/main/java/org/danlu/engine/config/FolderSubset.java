package org.danlu.engine.config;

import java.nio.file.Path;

/**
 * One image folder of a DreamBooth-style dataset, as the dataset scanner found it: its directory,
 * repeats and class tokens (parsed from the folder name {@code N_tokens}), and whether it is a
 * regularization folder. A {@code --dataset_config} must carry these explicitly because kohya does
 * not parse folder names there.
 */
public record FolderSubset(Path imageDir, int numRepeats, String classTokens, boolean reg) {
}
