package org.danlu.engine.train;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.danlu.engine.bucket.BucketSummary;
import org.danlu.engine.run.Event;

/**
 * What the trainer tells its watchers besides the per-step numbers: the {@code start} event with the plan, the
 * sample schedule, device memory, the last good LoRA file, and the error for a loss that is no longer finite.
 */
final class TrainingProgress {
    private final TrainingJob job;
    private final Consumer<Event> emit;
    private Path lastSaved;

    TrainingProgress(TrainingJob job, Consumer<Event> emit) {
        this.job = job;
        this.emit = emit;
    }

    void start(long globalStep, int epoch) {
        List<Event.Bucket> buckets = new ArrayList<>();
        for (TrainingData.Part p : job.data().datasets()) {
            for (BucketSummary b : p.plan().buckets()) {
                buckets.add(new Event.Bucket(b.resolution().width(), b.resolution().height(), b.samples()));
            }
        }
        Device d = job.precision().device();
        emit.accept(new Event.Start(System.currentTimeMillis(), job.config().outputName(),
                (int) job.steps().maxTrainSteps(), (int) job.steps().numEpochs(), job.steps().batchesPerEpoch(),
                buckets, d.toString(), job.precision().describe()));
        long params = job.network().all().stream().mapToLong(m -> m.downWeight().shape().size() + m.upWeight().shape().size()).sum();
        log("info", "LoRA: " + job.network().all().size() + " modules, " + params + " parameters; groups "
                + job.groups().stream().map(g -> g.name() + " lr " + g.baseLr()).toList() + "; optimizer "
                + job.optimizer().name() + "; seed " + job.seed() + "; attention " + job.attention().note());
        if (job.resume() != null) {
            log("info", "resumed at step " + globalStep + ", epoch " + epoch + ", batch " + job.resume().nextBatch());
        }
    }

    boolean sampleStepDue(long step) {
        Integer everyEpochs = job.config().sampleEveryNEpochs();
        Integer n = job.config().sampleEveryNSteps();
        // kohya: sample_every_n_epochs overrides the step setting
        return (everyEpochs == null || everyEpochs < 1) && n != null && n > 0 && step % n == 0;
    }

    boolean sampleEpochDue(int epoch) {
        Integer n = job.config().sampleEveryNEpochs();
        return n != null && n > 0 && epoch % n == 0;
    }

    /** Device memory in use, when the device can tell (CUDA); null on the CPU. */
    Long deviceMemory() {
        Device d = job.precision().device();
        if (!d.isGpu()) {
            return null;
        }
        try {
            return ai.djl.util.cuda.CudaUtils.getGpuMemory(d).getCommitted();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    void saved(Path lora) {
        lastSaved = lora;
    }

    void nonFinite(double loss, long step, int epoch, int batch, BatchLoader.Loaded loaded) {
        String kept = lastSaved == null ? "no LoRA was saved before it" : "the last good LoRA is " + lastSaved;
        emit.accept(new Event.Error(System.currentTimeMillis(), "loss became " + loss + " at step " + step
                + " (epoch " + epoch + ", batch " + (batch + 1) + ", images " + loaded.samples().stream()
                .map(s -> s.item().image().getFileName().toString()).toList() + "); training stopped and nothing was saved after it; "
                + kept + ". Lower learning_rate (or unet_lr/text_encoder_lr), keep max_grad_norm at 1.0, or train"
                + " with mixed_precision = \"no\""));
    }

    private void log(String level, String message) {
        emit.accept(new Event.Log(System.currentTimeMillis(), level, message));
    }
}
