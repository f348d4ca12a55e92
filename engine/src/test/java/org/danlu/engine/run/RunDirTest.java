package org.danlu.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirTest {
    @TempDir Path ws;

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    @Test
    void createMakesTheDocumentedLayout() throws Exception {
        RunDir run = RunDir.create(ws, "shs dog v2", "network_dim = 16\n", at("2026-11-22T18:15:00Z"));
        assertEquals(ws.resolve("runs/20261122-181500-shs-dog-v2").toAbsolutePath(), run.path());
        assertEquals("20261122-181500-shs-dog-v2", run.id());
        for (String sub : List.of("control", "samples", "output", "state")) {
            assertTrue(Files.isDirectory(run.path().resolve(sub)), sub);
        }
        assertEquals("network_dim = 16\n", Files.readString(run.configFile()));
        try (var s = Files.list(run.path())) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp file left");
        }
    }

    @Test
    void namesBecomeSafeReadableIds() {
        assertEquals("shs-dog", RunId.slug("  shs dog  "));
        assertEquals("my_lora-v1.5", RunId.slug("my_lora/v1.5"));
        assertEquals("丹炉-测试", RunId.slug("丹炉 测试"));
        assertEquals("hidden", RunId.slug("../hidden"));
        assertEquals("run", RunId.slug("///"));
        assertEquals("run", RunId.slug(null));
        assertEquals(40, RunId.slug("x".repeat(100)).length());
        assertEquals("shs-dog", RunId.namePart("20261122-181500-shs-dog"));
    }

    @Test
    void sameNameSameSecondGetsASuffixAndListingIsChronological() throws Exception {
        RunDir a = RunDir.create(ws, "b", null, at("2026-11-22T18:15:00Z"));
        RunDir b = RunDir.create(ws, "b", null, at("2026-11-22T18:15:00Z"));
        RunDir c = RunDir.create(ws, "a", null, at("2026-11-23T09:00:00Z"));
        RunDir older = RunDir.create(ws, "z", null, at("2025-01-01T00:00:00Z"));
        assertEquals("20261122-181500-b-2", b.id());
        Files.createDirectories(RunDir.runsDir(ws).resolve(".trash"));
        assertEquals(List.of(older, a, b, c), RunDir.list(ws));
        assertEquals(List.of(), RunDir.list(ws.resolve("empty")));
    }

    @Test
    void openFindsARunTheWaysAUserNamesIt() throws Exception {
        RunDir a = RunDir.create(ws, "dog", null, at("2026-11-22T18:15:00Z"));
        RunDir b = RunDir.create(ws, "cat", null, at("2026-11-22T19:00:00Z"));
        RunDir c = RunDir.create(ws, "dog", null, at("2026-11-23T08:00:00Z"));
        assertEquals(a, RunDir.open(ws, a.id()));
        assertEquals(b, RunDir.open(ws, "20261122-19"));
        assertEquals(c, RunDir.open(ws, "dog"), "a name means its latest run");
        assertEquals(c, RunDir.open(ws, "latest"));
        assertEquals(a, RunDir.open(ws, a.path().toString()));
        IllegalArgumentException amb = assertThrows(IllegalArgumentException.class, () -> RunDir.open(ws, "20261122"));
        assertTrue(amb.getMessage().contains("matches 2 runs"), amb.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> RunDir.open(ws, "horse"));
        assertTrue(none.getMessage().contains("no run 'horse'") && none.getMessage().contains(c.id()), none.getMessage());
        NoSuchFileException empty = assertThrows(NoSuchFileException.class, () -> RunDir.open(ws.resolve("nowhere"), "x"));
        assertTrue(empty.getMessage().contains("--workspace"), empty.getMessage());
    }

    @Test
    void deleteRefusesWhileATrainerHoldsTheRun() throws Exception {
        RunDir run = RunDir.create(ws, "del", "x = 1\n");
        Files.writeString(run.outputDir().resolve("del.safetensors"), "lora");
        try (TrainerLock lock = TrainerLock.acquire(run)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, run::delete);
            assertTrue(e.getMessage().contains("still training"), e.getMessage());
            assertTrue(Files.exists(run.outputDir().resolve("del.safetensors")));
        }
        run.delete();
        assertTrue(Files.notExists(run.path()));
        assertEquals(List.of(), RunDir.list(ws));
    }

    @Test
    void trainerLogTailReturnsTheLastLines() throws Exception {
        RunDir run = RunDir.create(ws, "log", null);
        assertEquals(List.of(), run.trainerLogTail(5));
        StringBuilder log = new StringBuilder();
        for (int i = 1; i <= 5000; i++) {
            log.append("line ").append(i).append('\n');
        }
        Files.writeString(run.trainerLog(), log + "\n\n");
        assertEquals(List.of("line 4998", "line 4999", "line 5000"), run.trainerLogTail(3));
    }
}
