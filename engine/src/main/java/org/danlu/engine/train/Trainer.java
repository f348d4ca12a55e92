package org.danlu.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.danlu.engine.config.DatasetConfig;
import org.danlu.engine.config.TrainConfig;
import org.danlu.engine.run.ControlLoop;
import org.danlu.engine.run.Event;
import org.danlu.engine.run.TensorBoardLog;
import org.danlu.engine.run.TrainerSession;

/**
 * The training loop (kohya's {@code train_network.py} for SD 1/2, in small pieces): epochs of batches in
 * {@link EpochOrder}, loaded ahead by {@link BatchLoader}, each run by {@link StepRunner} inside its own
 * sub-manager and scope; an optimizer step every {@code gradient_accumulation_steps} batches (and at an epoch's
 * end) with clipping and the LR schedule; events after every step; saves, samples and control commands between
 * steps. A non-finite loss ends the run with an {@code error} event and keeps every file already saved.
 */
public final class Trainer {
    private final TrainingJob job;
    private final TrainerSession session;
    private final SampleHook samples;
    private final Consumer<Event> observer;
    private final LossAverage average = new LossAverage();
    private final TrainingProgress progress;
    private long globalStep;
    private int epoch;
    private int nextBatch;

    private Trainer(TrainingJob job, TrainerSession session, SampleHook samples, Consumer<Event> observer) {
        this.job = job;
        this.session = session;
        this.samples = samples;
        this.observer = observer;
        this.progress = new TrainingProgress(job, this::emit);
    }

    /**
     * Trains a run to its end inside an open session (which the caller closes). Writes {@code start}, one
     * {@code step} per optimizer step, {@code epoch}, {@code save}, {@code log} and the final {@code end};
     * {@code observer} sees every event too (the foreground progress line).
     */
    public static void train(TrainConfig cfg, DatasetConfig datasetConfig, TrainerSession session,
                             SampleHook.Factory sampleFactory, Consumer<Event> observer) throws Exception {
        List<String> warnings = new ArrayList<>();
        TrainingJob job;
        try {
            job = TrainingSetup.prepare(cfg, datasetConfig, session.run(), warnings::add);
        } catch (Exception e) {
            for (String w : warnings) {
                session.events().log("warn", w);
            }
            throw e;
        }
        try (job; TensorBoardLog tensorBoard = tensorBoard(cfg)) {
            SampleHook hook = sampleFactory == null ? null : sampleFactory.create(
                    new SampleHook.Context(job.models(), job.network(), cfg, session.run(), session.events()));
            Consumer<Event> watchers = tensorBoard == null ? observer : e -> {
                tensorBoard.accept(e);
                if (observer != null) {
                    observer.accept(e);
                }
            };
            Trainer t = new Trainer(job, session, hook, watchers);

            if (hook == null && (cfg.samplePrompts() != null || cfg.sampleEveryNSteps() != null
                    || cfg.sampleEveryNEpochs() != null)) {
                warnings.add("sample_prompts / sample_every_n_*: this build has no sampler, so no sample images are made");
            }
            for (String w : warnings) {
                t.emit(new Event.Log(System.currentTimeMillis(), "warn", w));
            }
            if (tensorBoard != null) {
                t.emit(new Event.Log(System.currentTimeMillis(), "info", "TensorBoard log: " + tensorBoard.file()));
            }
            t.loop();
            if (tensorBoard != null && tensorBoard.failure().isPresent()) {
                session.events().log("warn", "the TensorBoard log stopped: " + tensorBoard.failure().get()
                        + " (events.jsonl has every step)");
            }
        }
    }

    /** kohya's TensorBoard log when {@code logging_dir} is set (the path is absolute by now, see TrainRequest). */
    private static TensorBoardLog tensorBoard(TrainConfig cfg) throws IOException {
        String dir = cfg.loggingDir();
        return dir == null || dir.isBlank() ? null : TensorBoardLog.open(Path.of(dir),
                cfg.string("log_prefix"), cfg.string("log_tracker_name"), java.time.Instant.now());
    }

    private void loop() throws Exception {
        TrainState resume = job.resume();
        globalStep = resume == null ? 0 : resume.globalStep();
        epoch = resume == null ? 1 : resume.epoch();
        nextBatch = resume == null ? 0 : resume.nextBatch();
        if (resume != null) {
            average.restore(resume.epochLosses());
        }
        progress.start(globalStep, epoch);
        if (resume == null && job.config().flag("sample_at_first")) {
            sample();
        }
        int accumulation = job.steps().gradientAccumulationSteps();
        long max = job.steps().maxTrainSteps();
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));
        try (BatchLoader loader = new BatchLoader(job.data(), job.cache(), job.seed(), max, accumulation, threads, 4)) {
            for (; epoch <= job.steps().numEpochs() && globalStep < max; epoch++, nextBatch = 0) {
                List<EpochOrder.Batch> batches = EpochOrder.batches(job.data(), job.seed(), epoch);
                loader.startEpoch(batches, nextBatch, globalStep - nextBatch / accumulation);
                int micro = 0;
                for (int i = nextBatch; i < batches.size() && globalStep < max; i++) {
                    long t0 = System.nanoTime();
                    BatchLoader.Loaded loaded = loader.take();
                    double loss;
                    try (NDManager step = job.manager().newSubManager(); NDScope scope = new NDScope()) {
                        scope.suppressNotUsedWarning();
                        loss = job.runner().run(loaded, step);
                    }
                    if (!Double.isFinite(loss)) {
                        progress.nonFinite(loss, globalStep + 1, epoch, i, loaded);
                        session.end(Event.End.Status.FAILED, "loss became " + loss + " at step " + (globalStep + 1));
                        return;
                    }
                    average.add(epoch, i, loss);
                    micro++;
                    if (micro < accumulation && i < batches.size() - 1) {
                        continue;
                    }
                    micro = 0;
                    Map<String, Double> lrs = optimizerStep();
                    globalStep++;
                    nextBatch = i + 1;
                    emit(new Event.Step(System.currentTimeMillis(), (int) globalStep, epoch, loss, average.average(), lrs,
                            (System.nanoTime() - t0) / 1e9, progress.deviceMemory()));
                    if (job.saver().stepDue(globalStep)) {
                        save(CheckpointSaver.stepFile(job.saver().name(), globalStep), epoch - 1, true);
                        CheckpointSaver.delete(job.saver().afterStepSave(globalStep));
                    }
                    if (progress.sampleStepDue(globalStep)) {
                        sample();
                    }
                    if (session.betweenSteps(controls()) == ControlLoop.Next.STOP) {
                        save(CheckpointSaver.finalFile(job.saver().name()), epoch, true);
                        session.end(Event.End.Status.STOPPED, "stopped by the user at step " + globalStep);
                        return;
                    }
                }
                if (nextBatch >= batches.size()) {
                    emit(new Event.Epoch(System.currentTimeMillis(), epoch, (int) globalStep, average.average()));
                    if (job.saver().epochDue(epoch)) {
                        save(CheckpointSaver.epochFile(job.saver().name(), epoch), epoch, true);
                        CheckpointSaver.delete(job.saver().afterEpochSave(epoch));
                    }
                    if (progress.sampleEpochDue(epoch)) {
                        sample();
                    }
                }
            }
        }
        save(CheckpointSaver.finalFile(job.saver().name()), Math.min(epoch, (int) job.steps().numEpochs()), true);
        session.end(Event.End.Status.DONE, null);
    }

    /** Clip, one optimizer step per kohya group at its scheduled lr, then clear the accumulated gradients. */
    private Map<String, Double> optimizerStep() {
        Map<String, Double> lrs = new LinkedHashMap<>();
        try (NDManager step = job.manager().newSubManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            List<ParamGroup> groups = new ArrayList<>();
            List<NDArray> allGrads = new ArrayList<>();
            for (TrainingSetup.Group g : job.groups()) {
                List<NDArray> grads = new ArrayList<>();
                for (NDArray p : g.params()) {
                    NDArray grad = p.getGradient();
                    grad.attach(step);
                    grads.add(grad);
                }
                allGrads.addAll(grads);
                double lr = job.schedule().lr(globalStep, g.baseLr());
                lrs.put(g.name(), lr);
                groups.add(new ParamGroup(g.params(), grads, lr));
            }
            double maxNorm = job.config().maxGradNorm();
            if (maxNorm > 0) {
                GradientClipping.clipGradNorm(allGrads, maxNorm);
            }
            job.optimizer().step(groups);
            allGrads.forEach(g -> g.muli(0)); // DJL accumulates gradients across collectors
        }
        return lrs;
    }

    private void save(String fileName, int epochForMetadata, boolean withState) throws IOException {
        Map<String, String> md = job.metadata().at(globalStep, epochForMetadata, System.currentTimeMillis() / 1000.0);
        TrainState state = state();
        CheckpointSaver.Saved saved = job.saver().save(fileName, job.network(), md, withState,
                dir -> StateStore.save(dir, job.network(), job.optimizer(), state));
        emit(new Event.Save(System.currentTimeMillis(), relative(saved.lora()), (int) globalStep));
        if (saved.state() != null) {
            emit(new Event.Save(System.currentTimeMillis(), relative(saved.state()), (int) globalStep));
        }
        progress.saved(saved.lora());
    }

    /** Where the run stands now; after an epoch's last batch the next position is the following epoch's start. */
    private TrainState state() {
        int e = epoch;
        int b = nextBatch;
        if (b >= job.steps().batchesPerEpoch()) {
            e++;
            b = 0;
        }
        OptimizerState os = job.optimizer().exportState();
        return new TrainState(globalStep, e, b, job.seed(), job.steps().batchesPerEpoch(), os.optimizer(),
                os.scalars(), b == 0 ? List.of() : average.values(), job.sessionId(), job.startedAt());
    }

    private void sample() throws IOException {
        if (samples == null) {
            return;
        }
        job.network().setTraining(false);
        try {
            samples.sample((int) globalStep, epoch);
        } finally {
            job.network().setTraining(true);
        }
    }

    private ControlLoop.Handler controls() {
        return new ControlLoop.Handler() {
            @Override
            public void saveNow() throws Exception {
                save(CheckpointSaver.stepFile(job.saver().name(), globalStep), epoch, true);
            }

            @Override
            public void sampleNow() throws Exception {
                if (samples == null) {
                    emit(new Event.Log(System.currentTimeMillis(), "warn", "no sampler in this build: sample skipped"));
                } else {
                    sample();
                }
            }
        };
    }

    private String relative(Path p) {
        Path run = session.run().path().toAbsolutePath();
        Path abs = p.toAbsolutePath();
        return abs.startsWith(run) ? run.relativize(abs).toString() : abs.toString();
    }

    private void emit(Event e) {
        try {
            session.events().write(e);
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        if (observer != null) {
            observer.accept(e);
        }
    }
}
