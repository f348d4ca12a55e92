package org.danlu.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every invalid-config case and the exact message the user sees. */
class ConfigValidatorTest {

    @TempDir
    Path dir;

    private static final String VALID = """
            pretrained_model_name_or_path = "/m/sd15.safetensors"
            train_data_dir = "img"
            resolution = "512"
            network_dim = 16
            network_alpha = 8
            """;

    @BeforeEach
    void dataset() throws IOException {
        Files.createDirectories(dir.resolve("img/10_dog"));
    }

    private List<String> check(String toml) {
        ConfigFile f = ConfigFileReader.parse(toml, "run.toml");
        return ConfigValidator.validate(f, dir).stream().map(ConfigIssue::toString).toList();
    }

    @Test
    void validConfigHasNoFindings() {
        assertEquals(List.of(), check(VALID));
    }

    @Test
    void alphaAboveDimIsAWarning() {
        assertEquals(List.of("run.toml:5:1: warning: network_alpha: network_alpha 32 is greater than network_dim 16:"
                + " the LoRA output is scaled up by alpha/dim = 2.0 (usually alpha <= dim)"),
                check(VALID.replace("network_alpha = 8", "network_alpha = 32")));
    }

    @Test
    void unknownSchedulerListsTheChoices() {
        assertEquals(List.of("run.toml:6:1: error: lr_scheduler: unknown lr_scheduler \"cosine_annealing\": use one of"
                + " linear, cosine, cosine_with_restarts, polynomial, constant, constant_with_warmup, adafactor,"
                + " inverse_sqrt, cosine_with_min_lr, warmup_stable_decay, piecewise_constant"),
                check(VALID + "lr_scheduler = \"cosine_annealing\"\n"));
    }

    @Test
    void cacheLatentsWithColorAug() {
        assertEquals(List.of("run.toml:7:1: error: color_aug: cannot be used with cache_latents (kohya stops: cached"
                + " latents cannot be re-augmented): turn one off"),
                check(VALID + "cache_latents = true\ncolor_aug = true\n"));
    }

    @Test
    void negativeStepsShowTheRange() {
        assertEquals(List.of("run.toml:6:1: error: max_train_steps: value -100 is out of range: allowed >= 1",
                "run.toml:7:1: error: lr_warmup_steps: value -5 is out of range: allowed >= 0"),
                check(VALID + "max_train_steps = -100\nlr_warmup_steps = -5\n"));
    }

    @Test
    void missingAndNonexistentTrainDataDir() {
        assertEquals(List.of("run.toml: error: train_data_dir: not set: give the parent folder of the N_name image"
                + " folders (or a dataset_config)"), check(VALID.replace("train_data_dir = \"img\"\n", "")));
        String msg = check(VALID.replace("\"img\"", "\"nope\"")).get(0);
        assertEquals("run.toml:2:1: error: train_data_dir: \"nope\" does not exist (looked at "
                + dir.resolve("nope").toAbsolutePath().normalize() + ")", msg);
    }

    @Test
    void windowsPathFromAGuiConfig() {
        assertEquals(List.of("run.toml:2:1: error: train_data_dir: \"C:/Users/me/img\" does not exist (a Windows path:"
                + " this config comes from another machine; set train_data_dir to the folder here)"),
                check(VALID.replace("\"img\"", "\"C:/Users/me/img\"")));
    }

    @Test
    void errorsComeBeforeWarnings() {
        List<String> out = check(VALID.replace("network_alpha = 8", "network_alpha = 32") + "max_train_steps = 0\n");
        assertEquals(2, out.size());
        assertEquals("run.toml:6:1: error: max_train_steps: value 0 is out of range: allowed >= 1", out.get(0));
    }

    @Test
    void resolutionAsIntegerTellsTheFix() {
        assertEquals(List.of("run.toml:3:1: error: resolution: value 512 must be a string such as \"512\" or"
                + " \"768,512\": write resolution = \"512\" (kohya breaks on an integer)"),
                check(VALID.replace("resolution = \"512\"", "resolution = 512")));
    }

    @Test
    void unreadableResolutionString() {
        assertEquals(List.of("run.toml:3:1: error: resolution: resolution \"512x512\" is not valid: write one size"
                + " (\"512\") or width,height (\"768,512\")"),
                check(VALID.replace("resolution = \"512\"", "resolution = \"512x512\"")));
    }

    @Test
    void wrongTypesAndChoices() {
        assertEquals(List.of("run.toml:6:1: error: network_args: value \"conv_dim=8\" must be an array of strings,"
                        + " e.g. [\"conv_dim=8\"]: write network_args = [\"conv_dim=8\"]",
                "run.toml:7:1: error: train_batch_size: value 2.0 must be an integer: write train_batch_size = 2",
                "run.toml:8:1: error: mixed_precision: value \"fp8\" is not allowed: use one of no, fp16, bf16"),
                check(VALID + "network_args = \"conv_dim=8\"\ntrain_batch_size = 2.0\nmixed_precision = \"fp8\"\n"));
    }

    @Test
    void maxTokenLengthTakesOnlyKohyasChoices() {
        assertEquals(List.of("run.toml:6:1: error: max_token_length: value 100 is not allowed: use one of 150, 225"
                + " (or leave it unset)"), check(VALID + "max_token_length = 100\n"));
    }

    @Test
    void constantSchedulerWithWarmup() {
        assertEquals(List.of("run.toml:6:1: error: lr_warmup_steps: lr_scheduler \"constant\" does not take warm-up"
                + " steps: set lr_warmup_steps = 0 or use lr_scheduler = \"constant_with_warmup\""),
                check(VALID + "lr_warmup_steps = 0.1\n"));
    }

    @Test
    void bucketSettingsAsKohyaChecksThem() {
        assertEquals(List.of("run.toml:7:1: error: min_bucket_reso: min_bucket_reso 640 must be equal or less than"
                + " the resolution's short side 512: lower min_bucket_reso or raise resolution"),
                check(VALID + "enable_bucket = true\nmin_bucket_reso = 640\n"));
        assertEquals(List.of("run.toml:7:1: error: bucket_reso_steps: value 32 must be a multiple of 64 for SD1/SD2"
                + " (kohya's train_network.py stops on it): use 64"),
                check(VALID + "enable_bucket = true\nbucket_reso_steps = 32\n"));
    }

    @Test
    void unknownKeysAreWarningsWithASuggestion() {
        assertEquals(List.of("run.toml:6:1: warning: learning_rat: not an option Danlu knows; kept as is and passed on"
                + " to kohya (did you mean learning_rate?)"), check(VALID + "learning_rat = 1e-4\n"));
    }

    @Test
    void epochsAndStepsTogetherWarn() {
        assertEquals(List.of("run.toml:6:1: warning: max_train_steps: ignored: max_train_epochs 10 sets the total steps"),
                check(VALID + "max_train_steps = 100\nmax_train_epochs = 10\n"));
    }

    @Test
    void syntaxErrorComesFirstWithPosition() {
        List<String> out = check(VALID + "seed = \n");
        assertEquals("run.toml:6:8: error: TOML syntax: ", out.get(0).substring(0, "run.toml:6:8: error: TOML syntax: ".length()));
    }
}
