package org.danlu.engine.model.load;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.danlu.engine.tensor.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tiny-sd fixture in both layouts: the README says they hold exactly the same numbers. */
class CheckpointSd1Test {

    @Test
    void singleFileMapsOntoTheDiffusersFolderKeyForKeyAndValueForValue() throws IOException {
        try (Checkpoint single = Checkpoint.open(TinySd.singleFile());
                Checkpoint folder = Checkpoint.open(TinySd.folder());
                NDManager m = NDManager.newBaseManager()) {
            int compared = 0;
            for (Component c : Component.values()) {
                ComponentWeights s = single.component(c);
                ComponentWeights f = folder.component(c);
                assertEquals(java.util.Set.of(), difference(f.tensors().keySet(), s.tensors().keySet()), c + ": missing from the single file");
                assertEquals(java.util.Set.of(), difference(s.tensors().keySet(), f.tensors().keySet()), c + ": not in the folder");
                assertEquals(java.util.List.of(), s.unmapped(), c + " unmapped keys");
                for (String name : f.tensors().keySet()) {
                    assertArrayEquals(f.tensors().get(name).shape(), s.tensors().get(name).shape(), name);
                    try (NDManager scope = m.newSubManager()) {
                        NDArray a = s.load(name, scope, DataType.FLOAT32);
                        NDArray b = f.load(name, scope, DataType.FLOAT32);
                        assertEquals(b.getShape(), a.getShape(), name);
                        assertTrue(a.contentEquals(b), () -> name + " differs from " + s.tensors().get(name).key());
                    }
                    compared++;
                }
            }
            // README: 684 UNet + 84 text encoder + 244 VAE tensors = the single file's 1012
            assertEquals(684 + 84 + 244, compared);
            assertEquals(0, single.ignoredCount());
            assertEquals(java.util.List.of(), single.unexpected());
        }
    }

    @Test
    void detectsLayoutArchitectureAndConfigSource() throws IOException {
        try (Checkpoint single = Checkpoint.open(TinySd.singleFile()); Checkpoint folder = Checkpoint.open(TinySd.folder())) {
            assertEquals(Layout.SINGLE_FILE, single.layout());
            assertEquals(Architecture.SD1, single.architecture());
            assertEquals(ConfigSource.Kind.YAML_BESIDE, single.configSource().kind());
            assertEquals(TinySd.path("tiny-sd-ldm.yaml"), single.configSource().path());
            assertEquals("epsilon", single.predictionType());
            assertEquals(Layout.DIFFUSERS_FOLDER, folder.layout());
            assertEquals(Architecture.SD1, folder.architecture());
            assertEquals(ConfigSource.Kind.DIFFUSERS_CONFIGS, folder.configSource().kind());
            assertEquals("epsilon", folder.predictionType());
            assertEquals(Map.of(DType.F16, single.component(Component.UNET).parameterCount()),
                    single.component(Component.UNET).dtypes());
            assertEquals(Map.of(DType.F32, folder.component(Component.VAE).parameterCount()),
                    folder.component(Component.VAE).dtypes());
        }
    }

    /**
     * The configs derived from the single file's shapes plus its yaml equal the ones diffusers wrote for the
     * folder (README: diffusers' own create_*_diffusers_config on the yaml gives the same configs).
     */
    @Test
    void derivedConfigsEqualTheReferenceConfigs() throws IOException {
        try (Checkpoint single = Checkpoint.open(TinySd.singleFile())) {
            for (Component c : Component.values()) {
                JsonObject derived = single.component(c).config();
                JsonObject reference = Checkpoint.readJson(TinySd.path(c.folder() + "/config.json"));
                for (Map.Entry<String, JsonElement> e : derived.entrySet()) {
                    assertTrue(reference.has(e.getKey()), c + " reference config lacks " + e.getKey());
                    assertTrue(sameJson(reference.get(e.getKey()), e.getValue()),
                            c + "." + e.getKey() + ": derived " + e.getValue() + ", reference " + reference.get(e.getKey()));
                }
            }
            // the text encoder's head count is the one value neither the tensors nor the yaml hold: a note says so
            assertTrue(single.notes().stream().anyMatch(n -> n.contains("head count cannot be told")), single.notes().toString());
        }
    }

    @Test
    void withoutYamlThePublishedDefaultsAreUsedAndSaidSo(@TempDir Path dir) throws IOException {
        Path copy = Files.copy(TinySd.singleFile(), dir.resolve("model.safetensors"));
        try (Checkpoint c = Checkpoint.open(copy)) {
            assertEquals(ConfigSource.Kind.PUBLISHED_DEFAULTS, c.configSource().kind());
            assertTrue(c.configSource().describe().contains("SD1.x"), c.configSource().describe());
            // SD1 fixes 8 heads per block (v1-inference.yaml num_heads: 8), whatever the width
            assertEquals(8, c.component(Component.UNET).config().get("attention_head_dim").getAsInt());
            assertEquals(0.18215, c.component(Component.VAE).config().get("scaling_factor").getAsDouble());
        }
    }

    @Test
    void aYamlThatDisagreesWithTheTensorsIsReported(@TempDir Path dir) throws IOException {
        Path copy = Files.copy(TinySd.singleFile(), dir.resolve("m.safetensors"));
        String yaml = Files.readString(TinySd.path("tiny-sd-ldm.yaml")).replace("context_dim: 32", "context_dim: 768")
                .replace("num_heads: 4", "num_heads: 2").replace("channel_mult: [ 1, 1, 1, 2 ]", "channel_mult: [ 1, 1, 2, 1 ]");
        Files.writeString(dir.resolve("m.yaml"), yaml);
        try (Checkpoint c = Checkpoint.open(copy)) {
            assertEquals(ConfigSource.Kind.YAML_BESIDE, c.configSource().kind());
            assertTrue(c.notes().stream().anyMatch(n -> n.contains("context_dim is 768 but the tensors say 32")), c.notes().toString());
            assertTrue(c.notes().stream().anyMatch(n -> n.contains("channel_mult is [1, 1, 2, 1] but the tensors say [1, 1, 1, 2]")),
                    c.notes().toString());
            assertEquals(2, c.notes().stream().filter(n -> n.contains("m.yaml:")).count(),
                    "only those two: attention_resolutions [4, 2, 1] match the levels with attention: " + c.notes());
            assertEquals(2, c.component(Component.UNET).config().get("attention_head_dim").getAsInt(), "heads come from the yaml");
            assertEquals(32, c.component(Component.UNET).config().get("cross_attention_dim").getAsInt(), "widths from the tensors");
        }
    }

    @Test
    void configFolderReplacesDerivedConfigs() throws IOException {
        try (Checkpoint c = Checkpoint.open(TinySd.singleFile(), TinySd.folder())) {
            assertEquals(ConfigSource.Kind.DIFFUSERS_CONFIGS, c.configSource().kind());
            assertEquals(4, c.component(Component.TEXT_ENCODER).config().get("num_attention_heads").getAsInt());
            assertFalse(c.notes().stream().anyMatch(n -> n.contains("head count")), c.notes().toString());
        }
    }

    private static java.util.Set<String> difference(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> d = new java.util.TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    private static boolean sameJson(JsonElement a, JsonElement b) {
        if (a.isJsonPrimitive() && b.isJsonPrimitive() && a.getAsJsonPrimitive().isNumber() && b.getAsJsonPrimitive().isNumber()) {
            return a.getAsDouble() == b.getAsDouble();
        }
        if (a.isJsonArray() && b.isJsonArray() && a.getAsJsonArray().size() == b.getAsJsonArray().size()) {
            for (int i = 0; i < a.getAsJsonArray().size(); i++) {
                if (!sameJson(a.getAsJsonArray().get(i), b.getAsJsonArray().get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b) || Arrays.asList(a, b).stream().allMatch(JsonElement::isJsonNull);
    }
}
