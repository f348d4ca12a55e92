package org.danlu.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.danlu.engine.tensor.SafetensorsFile;
import org.danlu.engine.tensor.SafetensorsWriter;

/**
 * Scaled VAE latents kept between epochs: {@code cache_latents} in memory, {@code cache_latents_to_disk} also in
 * {@code <dataset>/.danlu/cache/} as one safetensors file per (image content, bucket, resize, flip, VAE), so a
 * later run reuses them and any change of image, bucket or VAE simply finds no file and encodes anew. Latents are
 * held as Java float arrays, outside every step's native memory. Thread-safe: loader threads read, the training
 * thread writes.
 */
final class LatentCache {

    enum Mode { OFF, MEMORY, DISK }

    /** A latent [C, h, w] as floats. */
    record Latent(long[] shape, float[] data) {
        NDArray toNDArray(NDManager manager) {
            return manager.create(data, new Shape(shape));
        }
    }

    private final Mode mode;
    private final String vaeIdentity;
    private final Map<String, Latent> memory = new ConcurrentHashMap<>();
    private final Map<Path, String> contentHashes = new ConcurrentHashMap<>();

    LatentCache(Mode mode, String vaeIdentity) {
        this.mode = mode;
        this.vaeIdentity = vaeIdentity;
    }

    boolean enabled() {
        return mode != Mode.OFF;
    }

    /** The cached latent of the item (flipped or not), from memory or disk, or null. */
    Latent get(TrainItem item, boolean flipped) throws IOException {
        if (mode == Mode.OFF) {
            return null;
        }
        String key = key(item, flipped);
        Latent l = memory.get(key);
        if (l == null && mode == Mode.DISK) {
            Path f = file(item, key);
            if (Files.isRegularFile(f)) {
                try (SafetensorsFile sf = SafetensorsFile.open(f); NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
                    NDArray a = sf.load("latents", m, DataType.FLOAT32);
                    l = new Latent(a.getShape().getShape(), a.toFloatArray());
                }
                memory.put(key, l);
            }
        }
        return l;
    }

    /** Stores a freshly encoded latent [C, h, w] (CPU or GPU array; copied). */
    void put(TrainItem item, boolean flipped, NDArray latent) throws IOException {
        if (mode == Mode.OFF) {
            return;
        }
        String key = key(item, flipped);
        NDArray cpu = latent.toDevice(ai.djl.Device.cpu(), false).toType(DataType.FLOAT32, false);
        Latent l = new Latent(cpu.getShape().getShape(), cpu.toFloatArray());
        memory.put(key, l);
        if (mode == Mode.DISK) {
            new SafetensorsWriter().metadata("image", item.image().getFileName().toString())
                    .add("latents", cpu).write(file(item, key));
        }
    }

    /** A seed for the VAE sample of a cached latent, so memory and disk caches hold the same sample. */
    long sampleSeed(TrainItem item, boolean flipped) throws IOException {
        return key(item, flipped).hashCode() * 0x9E3779B97F4A7C15L;
    }

    private Path file(TrainItem item, String key) {
        return item.cacheRoot().resolve(".danlu").resolve("cache").resolve(key + ".safetensors");
    }

    /** content hash, bucket, resized size, flip and VAE: everything that changes the latent. */
    private String key(TrainItem item, boolean flipped) throws IOException {
        var p = item.placement();
        return contentHash(item.image()) + "-" + p.bucket().width() + "x" + p.bucket().height() + "-r"
                + p.resizedWidth() + "x" + p.resizedHeight() + "-o" + item.orientation() + (flipped ? "-f" : "-n")
                + "-" + vaeIdentity;
    }

    private String contentHash(Path image) throws IOException {
        String h = contentHashes.get(image);
        if (h == null) {
            try (InputStream in = Files.newInputStream(image)) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
                h = HexFormat.of().formatHex(md.digest()).substring(0, 20);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            contentHashes.put(image, h);
        }
        return h;
    }
}
