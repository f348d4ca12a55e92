package org.danlu.engine.model.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.danlu.engine.model.TinySdGolden;
import org.danlu.engine.tensor.SafetensorsFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** AutoencoderKL against diffusers 0.27's outputs in tiny-sd/golden/vae_{encoder,decoder}.safetensors. */
class AutoencoderKLGoldenTest {
    static NDManager manager;
    static AutoencoderKL vae;

    @BeforeAll
    static void load() throws Exception {
        manager = NDManager.newBaseManager();
        vae = AutoencoderKL.load(TinySdGolden.path("vae"), manager, DataType.FLOAT32);
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void configIsReadFromTheFixture() {
        assertEquals(new VaeConfig(3, 3, 4, List.of(32, 32, 32, 64), 2, 32, 0.18215f), vae.config());
        assertEquals(244, vae.namedParameters().size(), "the fixture's VAE holds 244 tensors");
    }

    @Test
    void encoderMatchesMeanLogvarAndSamples() throws Exception {
        try (NDManager m = manager.newSubManager(); SafetensorsFile g = TinySdGolden.open("vae_encoder.safetensors")) {
            NDArray image = g.load("image", m); // [1, 3, 64, 48]: 64 × 48 is not square, so H/W mix-ups show
            NDArray eps = g.load("eps", m);
            try (AutoencoderKL.LatentDistribution d = vae.encode(image)) {
                TinySdGolden.assertClose("vae_encoder mean", g.load("mean", m), d.mean());
                TinySdGolden.assertClose("vae_encoder logvar", g.load("logvar", m), d.logvar());
                TinySdGolden.assertClose("vae_encoder std", g.load("std", m), d.std());
                TinySdGolden.assertClose("vae_encoder sample", g.load("sample", m), d.sample(eps));
            }
            TinySdGolden.assertClose("vae_encoder scaled_sample", g.load("scaled_sample", m), vae.encodeScaled(image, eps));
        }
    }

    @Test
    void decoderMatchesTheImage() throws Exception {
        try (NDManager m = manager.newSubManager(); SafetensorsFile g = TinySdGolden.open("vae_decoder.safetensors")) {
            TinySdGolden.assertClose("vae_decoder image", g.load("image", m), vae.decode(g.load("z", m)));
        }
    }

    @Test
    void encodeAndDecodeLeaveNothingBehind() throws Exception {
        try (NDManager m = manager.newSubManager(); SafetensorsFile g = TinySdGolden.open("vae_encoder.safetensors")) {
            NDArray image = g.load("image", m);
            NDArray eps = g.load("eps", m);
            // One warm-up pass first: GroupNorm caches its unit affine per size in the model's manager, once.
            vae.encodeScaled(image, eps).close();
            vae.decode(eps).close();
            int modelArrays = manager.getManagedArrays().size();
            int before = m.getManagedArrays().size();
            for (int i = 0; i < 2; i++) {
                vae.encodeScaled(image, eps).close();
                try (AutoencoderKL.LatentDistribution d = vae.encode(image)) {
                    d.std().close();
                    d.sample(eps).close();
                }
                vae.decode(eps).close();
            }
            assertEquals(before, m.getManagedArrays().size(), "intermediates leaked into the caller's manager");
            assertEquals(modelArrays, manager.getManagedArrays().size(), "intermediates leaked into the model's manager");
        }
    }

    @Test
    void aMismatchedConfigIsRefusedWithEveryProblemNamed() throws Exception {
        AutoencoderKL wrong = new AutoencoderKL(new VaeConfig(3, 3, 4, List.of(32, 32, 64), 2, 32, 0.18215f));
        try (NDManager m = manager.newSubManager();
                SafetensorsFile f = SafetensorsFile.open(TinySdGolden.path("vae/diffusion_pytorch_model.safetensors"))) {
            java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                    () -> wrong.loadWeights(f, m, DataType.FLOAT32));
            assertTrue(e.getMessage().contains("missing encoder.down_blocks.2.resnets.0.conv_shortcut.weight"), e.getMessage());
            assertTrue(e.getMessage().contains("shape of"), e.getMessage());
        }
    }
}
