package org.danlu.engine.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.danlu.engine.lora.LoraFile;
import org.danlu.engine.lora.LoraNetwork;
import org.danlu.engine.tensor.DType;

/**
 * When and under which names a run saves its LoRA (kohya-compat.md §8): {@code <name>-000001.safetensors} after
 * epochs, {@code <name>-step00000100.safetensors} after steps, {@code <name>.safetensors} at the end;
 * {@code save_last_n_epochs} / {@code save_last_n_steps} delete older files exactly as sd-scripts computes them;
 * with {@code save_state} a state folder ({@code <name>-...-state}) is written beside each save under the run's
 * {@code state/} folder.
 */
final class CheckpointSaver {

    /** What a save wrote. */
    record Saved(Path lora, Path state) {
    }

    private final Path outputDir;
    private final Path stateDir;
    private final String name;
    private final DType precision;
    private final Integer everyNEpochs;
    private final Integer everyNSteps;
    private final Integer lastNEpochs;
    private final Integer lastNSteps;
    private final boolean saveState;
    private final long numEpochs;

    CheckpointSaver(Path outputDir, Path stateDir, String name, DType precision, Integer everyNEpochs,
                    Integer everyNSteps, Integer lastNEpochs, Integer lastNSteps, boolean saveState, long numEpochs) {
        this.outputDir = outputDir;
        this.stateDir = stateDir;
        this.name = name;
        this.precision = precision;
        this.everyNEpochs = positive(everyNEpochs);
        this.everyNSteps = positive(everyNSteps);
        this.lastNEpochs = positive(lastNEpochs);
        this.lastNSteps = positive(lastNSteps);
        this.saveState = saveState;
        this.numEpochs = numEpochs;
    }

    private static Integer positive(Integer v) {
        return v == null || v < 1 ? null : v;
    }

    String name() {
        return name;
    }

    Path outputDir() {
        return outputDir;
    }

    /** kohya saves after epoch e iff e % n == 0 and e is not the last epoch (that one is the final file). */
    boolean epochDue(int epoch) {
        return everyNEpochs != null && epoch % everyNEpochs == 0 && epoch < numEpochs;
    }

    boolean stepDue(long step) {
        return everyNSteps != null && step % everyNSteps == 0;
    }

    static String epochFile(String name, int epoch) {
        return String.format("%s-%06d.safetensors", name, epoch);
    }

    static String stepFile(String name, long step) {
        return String.format("%s-step%08d.safetensors", name, step);
    }

    static String finalFile(String name) {
        return name + ".safetensors";
    }

    /** Files save_last_n_epochs removes after saving epoch e: the one from {@code e − n·k}. */
    List<Path> afterEpochSave(int epoch) {
        List<Path> gone = new ArrayList<>();
        if (lastNEpochs != null) {
            int old = epoch - everyNEpochs * lastNEpochs;
            if (old > 0) {
                gone.add(outputDir.resolve(epochFile(name, old)));
                gone.add(stateDir.resolve(stem(epochFile(name, old)) + "-state"));
            }
        }
        return gone;
    }

    /** kohya: {@code d = g − k − 1; d −= d mod n}; removes step file d when d ≥ 0... and d > 0 (no step 0 file). */
    List<Path> afterStepSave(long step) {
        List<Path> gone = new ArrayList<>();
        if (lastNSteps != null) {
            long d = step - lastNSteps - 1;
            d -= Math.floorMod(d, everyNSteps);
            if (d > 0) {
                gone.add(outputDir.resolve(stepFile(name, d)));
                gone.add(stateDir.resolve(stem(stepFile(name, d)) + "-state"));
            }
        }
        return gone;
    }

    /** Writes the LoRA (and state when asked) under {@code fileName}. */
    Saved save(String fileName, LoraNetwork network, java.util.Map<String, String> metadata, boolean withState,
               StateWriter state) throws IOException {
        Path lora = outputDir.resolve(fileName);
        LoraFile.save(network, lora, precision, metadata);
        Path st = null;
        if (withState && saveState) {
            st = stateDir.resolve(stem(fileName) + "-state");
            state.write(st);
        }
        return new Saved(lora, st);
    }

    /** Writes a state folder only (a resumable point without a LoRA file, e.g. on stop). */
    interface StateWriter {
        void write(Path dir) throws IOException;
    }

    static void delete(List<Path> paths) throws IOException {
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                StateStore.deleteTree(p);
            } else {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String stem(String file) {
        return file.substring(0, file.length() - ".safetensors".length());
    }
}
