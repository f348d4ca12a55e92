package org.danlu.engine.model.clip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds the CLIP {@code tokenizer.json}, in this order:
 * <ol>
 *   <li>a configured path (a tokenizer.json, or a folder holding one directly or under {@code tokenizer/}); when
 *       one is configured it is the only place looked, so a typo is never papered over;
 *   <li>the model folder's {@code tokenizer/tokenizer.json} (a diffusers pipeline), then {@code tokenizer.json};
 *   <li>the HuggingFace hub cache: {@code models--openai--clip-vit-large-patch14/snapshots/REV/tokenizer.json},
 *       REV from {@code refs/main} first. SD 2.x uses the same BPE vocabulary (only its padding differs, see
 *       {@link ClipTokenizer}), as kohya sd-scripts relies on too.
 * </ol>
 * Nothing is downloaded. When nothing is found the error lists every place looked and how to fix it.
 */
public final class TokenizerLocator {
    /** The hub repository whose tokenizer.json serves SD 1.x and 2.x (kohya's TOKENIZER_PATH). */
    public static final String HUB_REPO = "openai/clip-vit-large-patch14";

    private TokenizerLocator() {}

    /**
     * @param configured a user-configured path, or null
     * @param modelFolder a diffusers model folder, or null (a single-file checkpoint ships no tokenizer)
     * @param hubCache the HuggingFace hub cache folder, or null; see {@link #hubCache(Map, Path)}
     */
    public static Path locate(Path configured, Path modelFolder, Path hubCache) throws IOException {
        List<Path> looked = new ArrayList<>();
        if (configured != null) {
            Path found = firstFile(looked, configured, configured.resolve("tokenizer.json"),
                    configured.resolve("tokenizer").resolve("tokenizer.json"));
            if (found != null) {
                return found;
            }
            throw notFound(looked, "the configured tokenizer path " + configured + " holds no tokenizer.json;"
                    + " point it at a CLIP tokenizer.json (e.g. from " + HUB_REPO + ")");
        }
        if (modelFolder != null && Files.isDirectory(modelFolder)) {
            Path found = firstFile(looked, modelFolder.resolve("tokenizer").resolve("tokenizer.json"),
                    modelFolder.resolve("tokenizer.json"));
            if (found != null) {
                return found;
            }
        }
        if (hubCache != null) {
            Path repo = hubCache.resolve("models--" + HUB_REPO.replace("/", "--"));
            Path found = firstFile(looked, snapshots(repo).stream().map(s -> s.resolve("tokenizer.json")).toArray(Path[]::new));
            if (found != null) {
                return found;
            }
            if (looked.stream().noneMatch(p -> p.startsWith(repo))) {
                looked.add(repo.resolve("snapshots").resolve("*").resolve("tokenizer.json"));
            }
        }
        throw notFound(looked, "put the CLIP tokenizer.json at the model folder's tokenizer/tokenizer.json, configure"
                + " its path, or fetch it once into the HuggingFace cache (huggingface-cli download " + HUB_REPO
                + " tokenizer.json)");
    }

    /**
     * The hub cache folder as huggingface_hub resolves it: {@code HF_HUB_CACHE}, else {@code HF_HOME/hub}, else
     * {@code XDG_CACHE_HOME/huggingface/hub}, else {@code ~/.cache/huggingface/hub}.
     */
    public static Path hubCache(Map<String, String> env, Path home) {
        if (notBlank(env.get("HF_HUB_CACHE"))) {
            return Path.of(env.get("HF_HUB_CACHE"));
        }
        if (notBlank(env.get("HF_HOME"))) {
            return Path.of(env.get("HF_HOME")).resolve("hub");
        }
        Path cache = notBlank(env.get("XDG_CACHE_HOME")) ? Path.of(env.get("XDG_CACHE_HOME")) : home.resolve(".cache");
        return cache.resolve("huggingface").resolve("hub");
    }

    /** Snapshot folders of a cached repo: the one refs/main names first, then the rest by name. */
    private static List<Path> snapshots(Path repo) throws IOException {
        List<Path> out = new ArrayList<>();
        Path snaps = repo.resolve("snapshots");
        if (!Files.isDirectory(snaps)) {
            return out;
        }
        Path ref = repo.resolve("refs").resolve("main");
        if (Files.isRegularFile(ref)) {
            Path main = snaps.resolve(Files.readString(ref).trim());
            if (Files.isDirectory(main)) {
                out.add(main);
            }
        }
        try (Stream<Path> s = Files.list(snaps)) {
            s.filter(Files::isDirectory).sorted().filter(p -> !out.contains(p)).forEach(out::add);
        }
        return out;
    }

    private static Path firstFile(List<Path> looked, Path... candidates) {
        for (Path p : candidates) {
            looked.add(p);
            if (Files.isRegularFile(p)) { // follows the hub cache's symlinks into blobs/
                return p;
            }
        }
        return null;
    }

    private static IOException notFound(List<Path> looked, String fix) {
        StringBuilder b = new StringBuilder("no CLIP tokenizer.json found; looked in:");
        for (Path p : looked) {
            b.append(' ').append(p).append(';');
        }
        return new IOException(b.append(" fix: ").append(fix).toString());
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
