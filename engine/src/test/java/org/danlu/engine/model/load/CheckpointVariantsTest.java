package org.danlu.engine.model.load;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.danlu.engine.tensor.DType;
import org.danlu.engine.tensor.SafetensorsFile;
import org.danlu.engine.tensor.SafetensorsWriter;
import org.danlu.engine.tensor.TensorInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SD2 (OpenCLIP), SDXL, pickle and noisy single files, written from the fixture's tensors with our writer. */
class CheckpointVariantsTest {
    private static final String CLIP = "cond_stage_model.transformer.text_model.";
    private static final String OPEN = "cond_stage_model.model.";

    private static byte[] bytes(SafetensorsFile f, String key) throws IOException {
        ByteBuffer b = f.bytes(key);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /**
     * The tiny model re-labelled as SD2: the CLIP layers stored under OpenCLIP names with q/k/v fused into
     * in_proj (rows q, k, v), one extra final resblock (SD2 drops it), linear proj_in/proj_out ([C, C] instead
     * of [C, C, 1, 1]), text_projection and logit_scale; the yaml says v-prediction and 8 channels per head.
     */
    private static Path writeSd2(Path dir) throws IOException {
        Path out = dir.resolve("tiny-sd2.safetensors");
        SafetensorsWriter w = new SafetensorsWriter();
        try (SafetensorsFile f = SafetensorsFile.open(TinySd.singleFile())) {
            for (TensorInfo t : f.tensors().values()) {
                String k = t.name();
                if (k.startsWith("model.diffusion_model.") && k.matches(".*\\.proj_(in|out)\\.weight")) {
                    w.add(k, t.dtype(), new long[] {t.shape()[0], t.shape()[1]}, bytes(f, k));
                } else if (!k.startsWith("cond_stage_model.")) {
                    w.add(k, t.dtype(), t.shape(), bytes(f, k));
                }
            }
            TensorInfo tok = f.info(CLIP + "embeddings.token_embedding.weight");
            w.add(OPEN + "token_embedding.weight", tok.dtype(), tok.shape(), bytes(f, tok.name()));
            TensorInfo pos = f.info(CLIP + "embeddings.position_embedding.weight");
            w.add(OPEN + "positional_embedding", pos.dtype(), pos.shape(), bytes(f, pos.name()));
            for (String wb : List.of("weight", "bias")) {
                TensorInfo ln = f.info(CLIP + "final_layer_norm." + wb);
                w.add(OPEN + "ln_final." + wb, ln.dtype(), ln.shape(), bytes(f, ln.name()));
            }
            for (int block = 0; block < 6; block++) {
                int src = block == 5 ? 0 : block; // block 5 is the unused last layer: any values
                String l = CLIP + "encoder.layers." + src + ".";
                String r = OPEN + "transformer.resblocks." + block + ".";
                Map<String, String> renames = new LinkedHashMap<>();
                renames.put("layer_norm1", "ln_1");
                renames.put("layer_norm2", "ln_2");
                renames.put("mlp.fc1", "mlp.c_fc");
                renames.put("mlp.fc2", "mlp.c_proj");
                renames.put("self_attn.out_proj", "attn.out_proj");
                for (Map.Entry<String, String> e : renames.entrySet()) {
                    for (String wb : List.of("weight", "bias")) {
                        TensorInfo t = f.info(l + e.getKey() + "." + wb);
                        w.add(r + e.getValue() + "." + wb, t.dtype(), t.shape(), bytes(f, t.name()));
                    }
                }
                TensorInfo q = f.info(l + "self_attn.q_proj.weight");
                w.add(r + "attn.in_proj_weight", DType.F16, new long[] {3 * q.shape()[0], q.shape()[1]},
                        concat(bytes(f, l + "self_attn.q_proj.weight"), bytes(f, l + "self_attn.k_proj.weight"),
                                bytes(f, l + "self_attn.v_proj.weight")));
                w.add(r + "attn.in_proj_bias", DType.F16, new long[] {3 * q.shape()[0]},
                        concat(bytes(f, l + "self_attn.q_proj.bias"), bytes(f, l + "self_attn.k_proj.bias"),
                                bytes(f, l + "self_attn.v_proj.bias")));
            }
            w.add(OPEN + "text_projection", DType.F16, new long[] {32, 32}, new byte[32 * 32 * 2]);
            w.add(OPEN + "logit_scale", DType.F16, new long[0], new byte[2]);
            w.add(OPEN + "visual.proj", DType.F16, new long[] {2, 2}, new byte[8]);
        }
        w.write(out);
        String yaml = Files.readString(TinySd.path("tiny-sd-ldm.yaml"))
                .replace("scale_factor: 0.18215", "scale_factor: 0.18215\n    parameterization: \"v\"")
                .replace("num_heads: 4", "num_head_channels: 8 # as SD2's 64, scaled down")
                .replace("use_checkpoint: True", "use_checkpoint: True\n        use_linear_in_transformer: True")
                .replace("target: ldm.modules.encoders.modules.FrozenCLIPEmbedder",
                        "target: ldm.modules.encoders.modules.FrozenOpenCLIPEmbedder\n      params:\n        freeze: True\n        layer: \"penultimate\"");
        Files.writeString(dir.resolve("tiny-sd2.yaml"), yaml);
        return out;
    }

    @Test
    void sd2OpenClipFileMapsIncludingTheInProjSplit(@TempDir Path dir) throws IOException {
        Path sd2 = writeSd2(dir);
        try (Checkpoint c = Checkpoint.open(sd2); Checkpoint folder = Checkpoint.open(TinySd.folder());
                NDManager m = NDManager.newBaseManager()) {
            assertEquals(Architecture.SD2, c.architecture());
            assertEquals("v_prediction", c.predictionType());
            assertEquals(ConfigSource.Kind.YAML_BESIDE, c.configSource().kind());
            ComponentWeights text = c.component(Component.TEXT_ENCODER);
            ComponentWeights ref = folder.component(Component.TEXT_ENCODER);
            assertEquals(ref.tensors().keySet(), text.tensors().keySet(), "the 6th (last) resblock is dropped");
            assertEquals(List.of(), text.unmapped());
            for (String name : ref.tensors().keySet()) {
                NDArray a = text.load(name, m, DataType.FLOAT32);
                NDArray b = ref.load(name, m, DataType.FLOAT32);
                assertTrue(a.contentEquals(b), name + " (" + text.tensors().get(name).transform() + ")");
            }
            assertEquals(Transform.QKV_K, text.tensors().get("text_model.encoder.layers.3.self_attn.k_proj.bias").transform());
            assertEquals(5, text.config().get("num_hidden_layers").getAsInt());
            assertEquals("gelu", text.config().get("hidden_act").getAsString());

            ComponentWeights unet = c.component(Component.UNET);
            assertTrue(unet.config().get("use_linear_projection").getAsBoolean());
            // num_head_channels 8: 32 / 8 = 4 heads in the 32-channel blocks, 64 / 8 = 8 in the last one
            assertEquals("[4,4,4,8]", unet.config().get("attention_head_dim").toString());
            // an SD2 v-prediction model is the 768-v release: latent 96, image 768, whatever the yaml's image_size
            assertEquals(96, unet.config().get("sample_size").getAsInt());
            assertEquals(768, c.component(Component.VAE).config().get("sample_size").getAsInt());
            String proj = "down_blocks.1.attentions.1.proj_in.weight";
            assertArrayEquals(new long[] {32, 32}, unet.tensors().get(proj).shape());
            NDArray linear = unet.load(proj, m, DataType.FLOAT32);
            NDArray conv = folder.component(Component.UNET).load(proj, m, DataType.FLOAT32);
            assertTrue(linear.contentEquals(conv.reshape(32, 32)));
            // text_projection + logit_scale + visual.proj + the dropped resblock's 12 keys
            // (5 layers x weight/bias + in_proj weight/bias)
            assertEquals(3 + 12, c.ignoredCount());
        }
    }

    @Test
    void sdxlIsRecognisedAndReportedAsUnsupported(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("xl.safetensors");
        new SafetensorsWriter()
                .add("conditioner.embedders.0.transformer.text_model.embeddings.token_embedding.weight", DType.F16, new long[] {8, 4}, new byte[64])
                .add("conditioner.embedders.1.model.token_embedding.weight", DType.F16, new long[] {8, 4}, new byte[64])
                .add("model.diffusion_model.label_emb.0.0.weight", DType.F16, new long[] {4, 4}, new byte[32])
                .add("model.diffusion_model.input_blocks.0.0.weight", DType.F16, new long[] {4, 4, 3, 3}, new byte[288])
                .add("first_stage_model.decoder.conv_out.weight", DType.BF16, new long[] {3, 4, 1, 1}, new byte[24])
                .write(p);
        try (Checkpoint c = Checkpoint.open(p)) {
            assertEquals(Architecture.SDXL, c.architecture());
            assertFalse(c.architecture().supported());
            assertTrue(c.components().isEmpty());
            assertTrue(c.notes().stream().anyMatch(n -> n.contains("not yet supported")), c.notes().toString());
            IOException e = assertThrows(IOException.class, () -> c.component(Component.UNET));
            assertTrue(e.getMessage().contains("SDXL checkpoints are not yet supported"), e.getMessage());
            assertEquals(32L, c.rawGroups().get("conditioner.embedders.0"));
            assertEquals(16L + 144L, c.rawGroups().get("model.diffusion_model"));
        }
    }

    @Test
    void pickleCheckpointsAreRefusedInBothLayouts(@TempDir Path dir) throws IOException {
        Path ckpt = Files.write(dir.resolve("v1-5-pruned.ckpt"), new byte[] {'P', 'K', 3, 4});
        IOException e = assertThrows(IOException.class, () -> Checkpoint.open(ckpt));
        assertTrue(e.getMessage().contains("pickle") && e.getMessage().contains("safetensors"), e.getMessage());
        Path folder = Files.createDirectories(dir.resolve("model/unet"));
        Files.copy(TinySd.path("model_index.json"), dir.resolve("model/model_index.json"));
        Files.copy(TinySd.path("unet/config.json"), folder.resolve("config.json"));
        Files.write(folder.resolve("diffusion_pytorch_model.bin"), new byte[] {'P', 'K', 3, 4});
        IOException f = assertThrows(IOException.class, () -> Checkpoint.open(dir.resolve("model")));
        assertTrue(f.getMessage().contains("pickle") && f.getMessage().contains("diffusion_pytorch_model.bin"), f.getMessage());
    }

    /** A real SD1 file's extras (EMA, schedule buffers, position_ids, VAE loss) are skipped; strangers are reported. */
    @Test
    void extrasAreIgnoredAndStrangersReported(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("noisy.safetensors");
        SafetensorsWriter w = new SafetensorsWriter();
        try (SafetensorsFile f = SafetensorsFile.open(TinySd.singleFile())) {
            for (TensorInfo t : f.tensors().values()) {
                if (t.name().equals("model.diffusion_model.out.2.bias")) {
                    w.add(t.name(), DType.F16, new long[] {5}, new byte[10]); // one channel too many
                } else {
                    w.add(t.name(), t.dtype(), t.shape(), bytes(f, t.name()));
                }
            }
        }
        w.add("model_ema.diffusion_modeltime_embed0weight", DType.F32, new long[] {2}, new byte[8])
                .add("model_ema.num_updates", DType.I32, new long[0], new byte[4])
                .add("alphas_cumprod", DType.F32, new long[] {3}, new byte[12])
                .add(CLIP + "embeddings.position_ids", DType.I64, new long[] {1, 77}, new byte[77 * 8])
                .add("first_stage_model.loss.logvar", DType.F32, new long[0], new byte[4])
                .add("some.other.weight", DType.F32, new long[] {2}, new byte[8])
                .add("model.diffusion_model.input_blocks.1.0.bogus.weight", DType.F32, new long[] {2}, new byte[8])
                .write(p);
        try (Checkpoint c = Checkpoint.open(p); Checkpoint folder = Checkpoint.open(TinySd.folder())) {
            assertEquals(5, c.ignoredCount());
            assertEquals(List.of("some.other.weight"), c.unexpected());
            ComponentWeights unet = c.component(Component.UNET);
            assertEquals(List.of("model.diffusion_model.input_blocks.1.0.bogus.weight"), unet.unmapped());
            Map<String, long[]> expected = new LinkedHashMap<>();
            folder.component(Component.UNET).tensors().forEach((n, t) -> expected.put(n, t.shape()));
            LoadReport r = LoadReport.compare(Component.UNET, expected, unet.tensors(), unet.unmapped());
            assertFalse(r.clean());
            assertEquals(List.of(), r.missing());
            assertEquals(List.of("model.diffusion_model.input_blocks.1.0.bogus.weight"), r.unexpected());
            assertEquals(1, r.misShaped().size());
            assertTrue(r.misShaped().get(0).startsWith("conv_out.bias: checkpoint [5]"), r.misShaped().get(0));
            assertTrue(r.describe(10).contains("1 mis-shaped"), r.describe(10));
        }
    }

    @Test
    void aFolderThatIsNoModelIsRefusedWithTheReason(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> Checkpoint.open(dir));
        assertTrue(e.getMessage().contains("not a diffusers model"), e.getMessage());
        IOException g = assertThrows(IOException.class, () -> Checkpoint.open(dir.resolve("nope.safetensors")));
        assertTrue(g.getMessage().contains("no such file"), g.getMessage());
    }

    /** A diffusers folder saved before diffusers 0.14 names the VAE attention query/key/value/proj_attn. */
    @Test
    void legacyDiffusersVaeAttentionNamesAreRenamed(@TempDir Path dir) throws IOException {
        Path vae = Files.createDirectories(dir.resolve("old/vae"));
        Files.copy(TinySd.path("model_index.json"), dir.resolve("old/model_index.json"));
        Files.copy(TinySd.path("vae/config.json"), vae.resolve("config.json"));
        SafetensorsWriter w = new SafetensorsWriter();
        try (SafetensorsFile f = SafetensorsFile.open(TinySd.path("vae/diffusion_pytorch_model.safetensors"))) {
            for (TensorInfo t : f.tensors().values()) {
                String old = t.name().replace(".to_q.", ".query.").replace(".to_k.", ".key.").replace(".to_v.", ".value.")
                        .replace(".to_out.0.", ".proj_attn.");
                w.add(old, t.dtype(), t.shape(), bytes(f, t.name()));
            }
        }
        w.write(vae.resolve("diffusion_pytorch_model.safetensors"));
        try (Checkpoint old = Checkpoint.open(dir.resolve("old")); Checkpoint ref = Checkpoint.open(TinySd.folder());
                NDManager m = NDManager.newBaseManager()) {
            ComponentWeights a = old.component(Component.VAE);
            ComponentWeights b = ref.component(Component.VAE);
            assertEquals(b.tensors().keySet(), a.tensors().keySet());
            assertEquals("encoder.mid_block.attentions.0.proj_attn.weight",
                    a.tensors().get("encoder.mid_block.attentions.0.to_out.0.weight").key());
            String n = "decoder.mid_block.attentions.0.to_v.bias";
            assertTrue(a.load(n, m, DataType.FLOAT32).contentEquals(b.load(n, m, DataType.FLOAT32)));
        }
    }

    @Test
    void aUnetOnlyFileHasNoVaeOrTextEncoder(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("unet-only.safetensors");
        SafetensorsWriter w = new SafetensorsWriter();
        try (SafetensorsFile f = SafetensorsFile.open(TinySd.singleFile())) {
            for (TensorInfo t : f.tensors().values()) {
                if (t.name().startsWith("model.diffusion_model.")) {
                    w.add(t.name(), t.dtype(), t.shape(), bytes(f, t.name()));
                }
            }
        }
        w.write(p);
        try (Checkpoint c = Checkpoint.open(p)) {
            assertEquals(Architecture.SD1, c.architecture(), "context width 32 is not OpenCLIP's 1024");
            assertEquals(java.util.Set.of(Component.UNET), c.components().keySet());
            assertTrue(c.notes().stream().anyMatch(n -> n.contains("no VAE")), c.notes().toString());
            IOException e = assertThrows(IOException.class, () -> c.component(Component.VAE));
            assertTrue(e.getMessage().contains("has no vae"), e.getMessage());
        }
    }
}
