package org.danlu.engine.model.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerLocatorTest {
    @TempDir
    Path dir;

    private Path touch(Path p) throws IOException {
        Files.createDirectories(p.getParent());
        return Files.writeString(p, "{}");
    }

    @Test
    void theModelFolderComesBeforeTheHubCache() throws IOException {
        Path model = dir.resolve("model");
        Path inModel = touch(model.resolve("tokenizer/tokenizer.json"));
        Path hub = dir.resolve("hub");
        touch(hub.resolve("models--openai--clip-vit-large-patch14/snapshots/abc/tokenizer.json"));
        assertEquals(inModel, TokenizerLocator.locate(null, model, hub));
    }

    @Test
    void theHubCachePrefersTheSnapshotRefsMainNames() throws IOException {
        Path repo = dir.resolve("hub/models--openai--clip-vit-large-patch14");
        touch(repo.resolve("snapshots/aaa/tokenizer.json"));
        Path main = touch(repo.resolve("snapshots/zzz/tokenizer.json"));
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), "zzz\n");
        assertEquals(main, TokenizerLocator.locate(null, dir.resolve("no-such-model"), dir.resolve("hub")));
    }

    @Test
    void aConfiguredFolderIsSearchedAndIsTheOnlyPlaceLooked() throws IOException {
        Path cfg = dir.resolve("mine");
        Path file = touch(cfg.resolve("tokenizer/tokenizer.json"));
        assertEquals(file, TokenizerLocator.locate(cfg, null, null));
        Path hub = dir.resolve("hub");
        touch(hub.resolve("models--openai--clip-vit-large-patch14/snapshots/abc/tokenizer.json"));
        IOException e = assertThrows(IOException.class, () -> TokenizerLocator.locate(dir.resolve("typo"), null, hub));
        assertTrue(e.getMessage().contains("typo") && e.getMessage().contains("configured"), e.getMessage());
    }

    @Test
    void nothingFoundNamesEveryPlaceLookedAndTheFix() {
        Path model = dir.resolve("model");
        Path hub = dir.resolve("hub");
        IOException e = assertThrows(IOException.class, () -> {
            Files.createDirectories(model);
            TokenizerLocator.locate(null, model, hub);
        });
        String msg = e.getMessage();
        assertTrue(msg.contains(model.resolve("tokenizer/tokenizer.json").toString()), msg);
        assertTrue(msg.contains(model.resolve("tokenizer.json").toString()), msg);
        assertTrue(msg.contains(hub.resolve("models--openai--clip-vit-large-patch14").toString()), msg);
        assertTrue(msg.contains("huggingface-cli download openai/clip-vit-large-patch14"), msg);
    }

    @Test
    void hubCacheFollowsHuggingfaceHubsVariables() {
        Path home = Path.of("/home/u");
        assertEquals(Path.of("/c/hub"), TokenizerLocator.hubCache(Map.of("HF_HUB_CACHE", "/c/hub", "HF_HOME", "/h"), home));
        assertEquals(Path.of("/h/hub"), TokenizerLocator.hubCache(Map.of("HF_HOME", "/h"), home));
        assertEquals(Path.of("/x/huggingface/hub"), TokenizerLocator.hubCache(Map.of("XDG_CACHE_HOME", "/x"), home));
        assertEquals(Path.of("/home/u/.cache/huggingface/hub"), TokenizerLocator.hubCache(Map.of(), home));
    }
}
