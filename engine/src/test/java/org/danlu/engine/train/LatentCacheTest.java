package org.danlu.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.danlu.engine.bucket.Crop;
import org.danlu.engine.bucket.Placement;
import org.danlu.engine.bucket.Resolution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cache_latents_to_disk: reused by a later run, and never reused once the image, bucket, flip or VAE changed. */
class LatentCacheTest {

    @TempDir
    Path dir;

    private TrainItem item(Path image, int bucket) {
        Placement p = new Placement(new Resolution(bucket, bucket), bucket, bucket, 1.0, Crop.NONE, false, 0);
        return new TrainItem(0, image, 1, "", "1_x", false, null, p, 1f, dir);
    }

    @Test
    void diskCacheIsKeyedByContentBucketFlipAndVae() throws Exception {
        Path image = dir.resolve("a.png");
        Files.write(image, new byte[] {1, 2, 3});
        float[] values = {1f, 2f, 3f, 4f};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray latent = m.create(values, new Shape(1, 2, 2));
            new LatentCache(LatentCache.Mode.DISK, "vae1").put(item(image, 64), false, latent);
        }
        try (Stream<Path> s = Files.list(dir.resolve(".danlu/cache"))) {
            assertEquals(1, s.count(), "one file per latent");
        }
        // a new run (new cache object) reads it back
        LatentCache.Latent back = new LatentCache(LatentCache.Mode.DISK, "vae1").get(item(image, 64), false);
        assertNotNull(back);
        assertArrayEquals(values, back.data());
        assertArrayEquals(new long[] {1, 2, 2}, back.shape());
        // anything that changes the latent misses
        assertNull(new LatentCache(LatentCache.Mode.DISK, "vae2").get(item(image, 64), false), "other VAE");
        assertNull(new LatentCache(LatentCache.Mode.DISK, "vae1").get(item(image, 128), false), "other bucket");
        assertNull(new LatentCache(LatentCache.Mode.DISK, "vae1").get(item(image, 64), true), "flipped");
        Files.write(image, new byte[] {1, 2, 4});
        assertNull(new LatentCache(LatentCache.Mode.DISK, "vae1").get(item(image, 64), false), "edited image");
        // memory mode writes nothing to disk; off mode keeps nothing
        LatentCache mem = new LatentCache(LatentCache.Mode.MEMORY, "vae1");
        try (NDManager m = NDManager.newBaseManager()) {
            mem.put(item(image, 64), false, m.create(values, new Shape(1, 2, 2)));
        }
        assertNotNull(mem.get(item(image, 64), false));
        try (Stream<Path> s = Files.list(dir.resolve(".danlu/cache"))) {
            assertEquals(1, s.count());
        }
        LatentCache off = new LatentCache(LatentCache.Mode.OFF, "vae1");
        off.put(item(image, 64), false, null);
        assertNull(off.get(item(image, 64), false));
    }
}
