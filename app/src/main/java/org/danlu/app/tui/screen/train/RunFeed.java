package org.danlu.app.tui.screen.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.danlu.app.tui.state.Store;
import org.danlu.engine.run.Event;
import org.danlu.engine.run.EventTail;
import org.danlu.engine.run.RunDir;
import org.danlu.engine.run.RunSummary;
import org.danlu.engine.run.RunWatch;

/**
 * Connects one {@link RunHistory} to its run: a {@link RunWatch} replays the events file from the
 * start and then follows it on its tail thread. The tail thread only appends to a buffer; at most
 * one drain is posted to the {@link Store} at a time, so however fast events come (a replay of
 * 10,000 steps arrives in milliseconds) the GUI thread folds them in one go per frame and repaints
 * once. Widgets and the history are never touched from the tail thread.
 */
public final class RunFeed implements AutoCloseable {
    private record Item(Event event, RunSummary summary, String note, List<String> logTail, boolean end) {
    }

    private final RunHistory history;
    private final Store store;
    private final Runnable onChange;
    private final Object lock = new Object();
    private List<Item> pending = new ArrayList<>();
    private final AtomicBoolean posted = new AtomicBoolean();
    private final RunWatch watch;
    private volatile boolean closed;

    /** Starts watching; {@code onChange} runs on the GUI thread after each batch of events. */
    public RunFeed(RunDir run, Store store, Runnable onChange) {
        this.history = new RunHistory(run);
        this.store = store;
        this.onChange = onChange;
        this.watch = RunWatch.start(run, new RunWatch.Listener() {
            @Override
            public void onEvent(Event event, RunSummary summary) {
                offer(new Item(event, summary, null, null, false));
            }

            @Override
            public void onBadLine(EventTail.BadLine bad) {
                offer(new Item(null, null, bad.toString(), null, false));
            }

            @Override
            public void onFinished(RunSummary summary, List<String> logTail) {
                offer(new Item(null, summary, null, List.copyOf(logTail), true));
            }
        });
    }

    public RunHistory history() {
        return history;
    }

    /** Tail thread: buffer, and post one drain unless one is already waiting. */
    private void offer(Item item) {
        synchronized (lock) {
            pending.add(item);
        }
        if (posted.compareAndSet(false, true)) {
            store.post(this::drain);
        }
    }

    /** GUI thread: folds everything buffered so far into the history. */
    private void drain() {
        posted.set(false);
        List<Item> batch;
        synchronized (lock) {
            batch = pending;
            pending = new ArrayList<>();
        }
        if (closed) {
            return;
        }
        for (Item i : batch) {
            if (i.end()) {
                history.finish(i.summary(), i.logTail());
            } else if (i.event() != null) {
                history.apply(i.event(), i.summary());
            } else {
                history.note(i.note());
            }
        }
        onChange.run();
    }

    @Override
    public void close() {
        closed = true;
        watch.close();
    }
}
