package org.danlu.engine.train;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.danlu.engine.model.clip.ClipTextConfig;
import org.danlu.engine.model.clip.ClipTextModel;
import org.danlu.engine.model.clip.TinyClipTokenizerJson;
import org.danlu.engine.model.nn.Module;
import org.danlu.engine.model.nn.Parameter;
import org.danlu.engine.model.unet.UNet2DConditionModel;
import org.danlu.engine.model.unet.UNetConfig;
import org.danlu.engine.model.vae.AutoencoderKL;
import org.danlu.engine.model.vae.VaeConfig;
import org.danlu.engine.tensor.DType;
import org.danlu.engine.tensor.SafetensorsWriter;

/**
 * What {@code danlu demo} trains on: a tiny Stable-Diffusion-structured model in diffusers layout (the shapes of
 * the tiny-sd test fixture: 32–64 channels, a 5-layer 32-wide text encoder with a 1000-token vocabulary and its
 * tokenizer.json), randomly initialised as torch initialises fresh layers, and a {@code train.toml} for a short CPU
 * run at 64 px. Nothing existing is overwritten.
 */
public final class DemoProject {

    private DemoProject() {
    }

    /** Writes {@code dir/model} unless it exists; returns the model folder. */
    public static Path model(Path dir, long seed) throws IOException {
        Path m = dir.resolve("model");
        if (Files.isRegularFile(m.resolve("model_index.json"))) {
            return m;
        }
        Path tmp = Files.createDirectories(dir).resolve(".model.tmp");
        StateStore.deleteTree(tmp);
        Random rng = new Random(seed);
        Files.createDirectories(tmp);
        copyResource("model_index.json", tmp.resolve("model_index.json"));
        copyResource("scheduler.json", Files.createDirectories(tmp.resolve("scheduler")).resolve("scheduler_config.json"));
        Path unetCfg = copyResource("unet.json", Files.createDirectories(tmp.resolve("unet")).resolve("config.json"));
        writeRandom(new UNet2DConditionModel(UNetConfig.read(unetCfg)), tmp.resolve("unet/diffusion_pytorch_model.safetensors"), rng);
        Path teCfg = copyResource("text_encoder.json", Files.createDirectories(tmp.resolve("text_encoder")).resolve("config.json"));
        writeRandom(new ClipTextModel(ClipTextConfig.read(teCfg)), tmp.resolve("text_encoder/model.safetensors"), rng);
        Path vaeCfg = copyResource("vae.json", Files.createDirectories(tmp.resolve("vae")).resolve("config.json"));
        writeRandom(new AutoencoderKL(VaeConfig.read(vaeCfg)), tmp.resolve("vae/diffusion_pytorch_model.safetensors"), rng);
        TinyClipTokenizerJson.write(tmp.resolve("tokenizer"));
        Files.move(tmp, m);
        return m;
    }

    /** Writes {@code dir/train.toml} for the demo run unless it exists; returns its path. */
    public static Path config(Path dir, Path model, Path trainDir) throws IOException {
        Path f = dir.resolve("train.toml");
        if (Files.exists(f)) {
            return f;
        }
        Path prompts = dir.resolve("sample_prompts.txt");
        if (!Files.exists(prompts)) {
            Files.writeString(prompts, """
                    # kohya's sample prompt format: --w/--h size, --s steps, --d seed, --l CFG scale, --n negative
                    dnl shape, red circle, white background --w 64 --h 64 --s 12 --d 1 --l 5
                    dnl pattern, blue stripes --w 64 --h 64 --s 12 --d 2 --l 5 --n blurry
                    """, StandardCharsets.UTF_8);
        }
        String toml = """
                # Danlu demo: a LoRA on a tiny random SD-shaped model, 64 px, a short CPU run.
                pretrained_model_name_or_path = "%s"
                train_data_dir = "%s"
                caption_extension = ".txt"
                resolution = "64,64"
                output_name = "demo"
                network_module = "networks.lora"
                network_dim = 4
                network_alpha = 4
                learning_rate = 0.001
                optimizer_type = "AdamW"
                lr_scheduler = "cosine"
                lr_warmup_steps = 10
                train_batch_size = 2
                max_train_steps = 150
                save_every_n_steps = 50
                save_precision = "fp16"
                cache_latents = true
                seed = 42
                sample_prompts = "%s"
                sample_every_n_steps = 50
                sample_sampler = "euler_a"
                """.formatted(model.toAbsolutePath(), trainDir.toAbsolutePath(), prompts.toAbsolutePath());
        Files.writeString(f, toml, StandardCharsets.UTF_8);
        return f;
    }

    private static Path copyResource(String name, Path to) throws IOException {
        try (InputStream in = DemoProject.class.getResourceAsStream("demo/" + name)) {
            if (in == null) {
                throw new IOException("demo model resource " + name + " is missing from the build");
            }
            Files.write(to, in.readAllBytes());
        }
        return to;
    }

    /**
     * torch's defaults for fresh layers: biases 0, norm weights 1, embeddings N(0, 0.02), other weights
     * U(−1/√fan_in, 1/√fan_in).
     */
    private static void writeRandom(Module model, Path file, Random rng) throws IOException {
        SafetensorsWriter w = new SafetensorsWriter();
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            long[] shape = e.getValue().shape().getShape();
            int n = Math.toIntExact(e.getValue().shape().size());
            String name = e.getKey();
            ByteBuffer b = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
            boolean embedding = name.contains("embedding.weight");
            double bound = shape.length > 1 ? 1.0 / Math.sqrt((double) n / shape[0]) : 0;
            for (int i = 0; i < n; i++) {
                float v;
                if (name.endsWith("bias")) {
                    v = 0f;
                } else if (shape.length == 1) {
                    v = 1f; // GroupNorm / LayerNorm scale
                } else if (embedding) {
                    v = (float) (rng.nextGaussian() * 0.02);
                } else {
                    v = (float) ((rng.nextDouble() * 2 - 1) * bound);
                }
                b.putFloat(v);
            }
            w.add(name, DType.F32, shape, b.array());
        }
        w.write(file);
    }
}
