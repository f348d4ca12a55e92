package org.danlu.app.tui.screen.tags;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.danlu.app.tui.state.Store;
import org.danlu.engine.model.clip.ClipTokenizer;
import org.danlu.engine.model.clip.TokenizerLocator;

/**
 * The CLIP tokenizer the Tags screen counts with, loaded on a worker (finding the file, reading the
 * json and loading the native tokenizers library take long enough to stutter a key press) and
 * loaded again when the settings name other places. GUI thread only, like the screen that owns it.
 */
final class LoadedTokenizer implements AutoCloseable {
    /** What the pane can say about the tokenizer. */
    enum State { LOADING, READY, NOT_FOUND, BROKEN }

    private static final int CACHED_LINES = 8;

    private final Store store;
    private TokenizerSettings loadedFor;
    private ClipTokenizer tokenizer;
    private State state = State.LOADING;
    private String problem = "";
    private String problemFile = "";
    private boolean loading;
    /** Token starts of the last few lines: the screen redraws the same two lines on every frame. */
    private final Map<String, int[]> starts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, int[]> e) {
            return size() > CACHED_LINES;
        }
    };

    LoadedTokenizer(Store store) {
        this.store = store;
    }

    /** Starts loading the tokenizer these settings find, unless it is loaded, failed for them, or loading. */
    void want(TokenizerSettings settings) {
        if (loading || settings.samePlaces(loadedFor)) {
            return;
        }
        close();
        loadedFor = settings;
        state = State.LOADING;
        loading = true;
        store.load(() -> open(settings), t -> {
            loading = false;
            tokenizer = t;
            state = State.READY;
        }, e -> {
            loading = false;
            state = e instanceof NotFound ? State.NOT_FOUND : State.BROKEN;
            problem = e.getMessage() == null ? e.toString() : e.getMessage();
            problemFile = e instanceof Unusable u ? u.file.toString() : "";
            // The engine's messages start with the file; the pane shows the reason first, the file after it.
            if (!problemFile.isEmpty() && problem.startsWith(problemFile + ": ")) {
                problem = problem.substring(problemFile.length() + 2);
            }
        });
    }

    /** After a failure, looks again on the next {@link #want} (the user may have fetched a tokenizer since). */
    void retryIfFailed() {
        if (state == State.NOT_FOUND || state == State.BROKEN) {
            loadedFor = null;
        }
    }

    State state() {
        return state;
    }

    /** Why a {@link State#BROKEN} tokenizer could not be used. */
    String problem() {
        return problem;
    }

    /** The tokenizer.json that could not be used, or "" when the native library failed. */
    String problemFile() {
        return problemFile;
    }

    /** The line's budget under {@code windows} 75-token windows, or null when no tokenizer is ready. */
    TokenBudget budget(String line, int windows) {
        if (state != State.READY) {
            return null;
        }
        return TokenBudget.of(starts.computeIfAbsent(line, tokenizer::tokenStarts), line.length(), windows);
    }

    private static ClipTokenizer open(TokenizerSettings s) throws IOException {
        Path json;
        try {
            json = TokenizerLocator.locate(s.configured(), s.modelFolder(), s.hubCache());
        } catch (IOException e) {
            throw new NotFound(e.getMessage());
        }
        try {
            // The pad token does not change a count; SD 1.x's is in every CLIP vocabulary.
            return ClipTokenizer.open(json, ClipTokenizer.SD1_PAD);
        } catch (IOException | RuntimeException e) {
            throw new Unusable(json, e);
        } catch (LinkageError e) {
            // The native tokenizers library is missing or does not load here: say so, do not kill the worker.
            throw new IOException("the native tokenizers library did not load: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (tokenizer != null) {
            tokenizer.close();
            tokenizer = null;
        }
        starts.clear();
    }

    /** A tokenizer.json that was found but does not open (not JSON, not a CLIP BPE vocabulary). */
    private static final class Unusable extends IOException {
        final transient Path file;

        Unusable(Path file, Exception cause) {
            super(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
            this.file = file;
        }
    }

    /** No tokenizer.json in any of the places looked. */
    private static final class NotFound extends IOException {
        NotFound(String message) {
            super(message);
        }
    }
}
