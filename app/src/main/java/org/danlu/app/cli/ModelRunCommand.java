package org.danlu.app.cli;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.danlu.engine.model.ComponentRun;
import org.danlu.engine.model.RunTarget;
import org.danlu.engine.model.nn.AttentionMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code danlu model run}: one model on tensors from a safetensors file, outputs to another. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run one model of a checkpoint on tensors read from a safetensors file and write its outputs (F32)"
                + " to another, with the golden files' tensor names:",
            "  text_encoder: input_ids -> last_hidden_state, clip_skip_2, penultimate_raw, pooler_output",
            "  unet: sample, timestep, encoder_hidden_states -> out",
            "  vae_encoder: image -> mean, logvar",
            "  vae_decoder: z -> image"})
public final class ModelRunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "PATH", description = "a diffusers folder or a single .safetensors checkpoint")
    Path model;

    @Option(names = "--component", required = true, paramLabel = "NAME",
            description = "text_encoder, unet, vae_encoder or vae_decoder")
    String component;

    @Option(names = "--inputs", required = true, paramLabel = "IN.safetensors", description = "the input tensors")
    Path inputs;

    @Option(names = "--out", required = true, paramLabel = "OUT.safetensors", description = "where to write the outputs (atomically)")
    Path out;

    @Option(names = "--lora", paramLabel = "FILE", description = "a kohya-format LoRA file to apply (unet and text_encoder)")
    Path lora;

    @Option(names = "--multiplier", paramLabel = "M", defaultValue = "1.0", description = "the LoRA multiplier (default ${DEFAULT-VALUE})")
    float multiplier;

    @Option(names = "--config", paramLabel = "DIR",
            description = "a diffusers folder whose <model>/config.json files describe a single-file checkpoint")
    Path configFolder;

    @Option(names = "--device", paramLabel = "DEV", defaultValue = "auto",
            description = "auto (the first GPU when libtorch has one, else cpu), cpu, gpu or gpu:N")
    String device;

    @Option(names = "--dtype", paramLabel = "TYPE", defaultValue = "float32",
            description = "weights and float inputs as float32 or float16 (bfloat16 is not possible with DJL 0.35.1)")
    String dtype;

    @Option(names = "--attention", paramLabel = "MODE", defaultValue = "sdpa",
            description = "UNet attention: sdpa (fused, the default; falls back to chunked where it cannot load) or chunked")
    String attention;

    @Override
    public Integer call() throws Exception {
        RunTarget target = RunTarget.parse(component);
        ComponentRun.Result r = ComponentRun.run(new ComponentRun.Request(model, configFolder, target, inputs, out, lora,
                multiplier, device(), dataType(), AttentionMode.parse(attention)));
        PrintWriter w = spec.commandLine().getOut();
        w.printf("%s on %s%s%n", target.cliName(), r.device(), lora == null ? "" : " with " + r.loraModules()
                + " LoRA modules at multiplier " + multiplier);
        r.written().forEach((n, s) -> w.printf("  %-18s %s%n", n, Arrays.toString(s)));
        r.notes().forEach(n -> w.println("note: " + n));
        w.println("wrote " + r.out());
        return 0;
    }

    private Device device() {
        switch (device) {
            case "auto": return null;
            case "cpu": return Device.cpu();
            case "gpu": return Device.gpu();
            default:
                if (device.matches("gpu:\\d+")) {
                    return Device.gpu(Integer.parseInt(device.substring(4)));
                }
                throw new IllegalArgumentException("--device " + device + ": expected auto, cpu, gpu or gpu:N");
        }
    }

    private DataType dataType() {
        switch (dtype) {
            case "float32": case "fp32": return DataType.FLOAT32;
            case "float16": case "fp16": return DataType.FLOAT16;
            case "bfloat16": case "bf16":
                throw new IllegalArgumentException("--dtype bfloat16: DJL 0.35.1 cannot hold bfloat16 arrays; use float16 or float32");
            default: throw new IllegalArgumentException("--dtype " + dtype + ": expected float32 or float16");
        }
    }
}
