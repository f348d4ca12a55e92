package org.danlu.app.tui.state;

import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The hop between worker threads and the GUI thread. Disk work (scans, image decoding, bulk edits)
 * runs on a worker; its result is posted here and applied on the GUI thread when the frame loop
 * calls {@link #drain()}. Widgets and screen state are touched only on the GUI thread, because
 * Lanterna's cross-thread mutation is "best effort" (races reported in Lanterna #287, #360).
 */
public final class Store implements AutoCloseable {
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "danlu-worker");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService previews = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "danlu-preview");
        t.setDaemon(true);
        return t;
    });
    /** One writer: caption edits, undo/redo and folder renames run one after another, never interleaved. */
    private final ExecutorService writers = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "danlu-writer");
        t.setDaemon(true);
        return t;
    });

    /** Queues work for the GUI thread; callable from any thread. */
    public void post(Runnable onGui) {
        queue.add(onGui);
    }

    /**
     * Runs {@code work} on a worker and then {@code onDone} (with the result) or {@code onError} (with
     * the failure) on the GUI thread.
     */
    public <T> void load(Callable<T> work, Consumer<T> onDone, Consumer<Exception> onError) {
        submit(workers, work, onDone, onError);
    }

    /**
     * Like {@link #load}, for work that changes files: runs on the single writer thread, and quitting
     * waits for it, so a bulk edit is never cut off halfway.
     */
    public <T> void write(Callable<T> work, Consumer<T> onDone, Consumer<Exception> onError) {
        submit(writers, work, onDone, onError);
    }

    /** Like {@link #load}, on the single preview thread so image decodes never crowd out scans. */
    public <T> void preview(Callable<T> work, Consumer<T> onDone, Consumer<Exception> onError) {
        submit(previews, work, onDone, onError);
    }

    private <T> void submit(ExecutorService pool, Callable<T> work, Consumer<T> onDone, Consumer<Exception> onError) {
        inFlight.incrementAndGet();
        pool.execute(() -> {
            try {
                T result = work.call();
                post(() -> onDone.accept(result));
            } catch (Exception e) {
                post(() -> onError.accept(e));
            } finally {
                inFlight.decrementAndGet();
            }
        });
    }

    /** Runs everything posted so far; GUI thread only. Returns whether anything ran. */
    public boolean drain() {
        boolean any = false;
        Runnable r;
        while ((r = queue.poll()) != null) {
            r.run();
            any = true;
        }
        return any;
    }

    /** No worker busy and nothing waiting for the GUI thread (tests wait for this). */
    public boolean idle() {
        return inFlight.get() == 0 && queue.isEmpty();
    }

    /**
     * Stops the threads. Reads (scans, previews) are dropped at once; a write under way is allowed to
     * finish (up to a minute), so quitting never leaves a bulk edit half-done on disk.
     */
    @Override
    public void close() {
        previews.shutdownNow();
        workers.shutdownNow();
        writers.shutdown();
        try {
            writers.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
