package org.danlu.app.tui.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.danlu.app.tui.state.Store;
import org.danlu.app.tui.widget.HalfBlockImage;

/**
 * Loads previews off the GUI thread with a small LRU cache keyed by (path, mtime, cells), so
 * scrolling through a thousand images never stutters: only the latest request is decoded (older
 * ones still queued are skipped once a newer one arrives), after a short debounce while keys repeat.
 */
public final class PreviewLoader {
    private static final int CACHE_SIZE = 48;
    private static final long DEBOUNCE_MS = 60;

    private final Store store;
    private final AtomicLong generation = new AtomicLong();
    private final Map<Key, Preview> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Preview> e) {
            return size() > CACHE_SIZE;
        }
    };

    private record Key(Path path, long mtime, int cols, int rows) {
    }

    public PreviewLoader(Store store) {
        this.store = store;
    }

    /** A cached preview for this request, or null; GUI thread. */
    public synchronized Preview cached(Path file, int cols, int rows) {
        return cache.get(key(file, cols, rows));
    }

    /** Asks for a preview; {@code onReady} runs on the GUI thread unless a newer request superseded it. */
    public void request(Path file, int orientation, int cols, int rows, Consumer<Preview> onReady) {
        long gen = generation.incrementAndGet();
        Key key = key(file, cols, rows);
        store.preview(() -> {
            // Requests queue up while a key repeats; stale ones return at once, and only the newest
            // waits out the debounce (checked again after, in case an even newer one came).
            if (generation.get() != gen) {
                return null;
            }
            Thread.sleep(DEBOUNCE_MS);
            if (generation.get() != gen) {
                return null;
            }
            synchronized (this) {
                Preview hit = cache.get(key);
                if (hit != null) {
                    return hit;
                }
            }
            Preview p = render(file, orientation, cols, rows);
            synchronized (this) {
                cache.put(key, p);
            }
            return p;
        }, p -> {
            if (p != null && generation.get() == gen) {
                onReady.accept(p);
            }
        }, e -> onReady.accept(Preview.failed(String.valueOf(e.getMessage()))));
    }

    /**
     * Decodes and scales one image to fit the cell area; never throws. {@code orientation} is the
     * EXIF orientation the dataset scan read (0 = read it here).
     */
    public static Preview render(Path file, int orientation, int cols, int rows) {
        try {
            BufferedImage img = ImageDecoder.decode(file, orientation);
            int[] px = HalfBlockImage.fitPixels(img.getWidth(), img.getHeight(), cols, rows);
            return new Preview(Downscale.toGrid(img, px[0], px[1]), null, img.getWidth(), img.getHeight());
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            return Preview.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private static Key key(Path file, int cols, int rows) {
        long mtime;
        try {
            mtime = Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            mtime = -1;
        }
        return new Key(file, mtime, cols, rows);
    }
}
