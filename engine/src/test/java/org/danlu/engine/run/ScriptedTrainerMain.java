package org.danlu.engine.run;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A small real trainer process for the protocol tests: it opens a {@link TrainerSession}, writes
 * {@code start}, one {@code step} per {@code stepMillis}, {@code epoch} every 5 steps, honours the
 * control commands through {@link ControlLoop}, saves files into {@code output/}, and ends with
 * {@code end}. It stands in for the LoRA trainer (which plugs into the same API) so the tests
 * exercise real processes, files and signals, not the numbers.
 *
 * <p>Args: {@code RUN_DIR STEPS STEP_MILLIS}. Exit codes: 0 ended (done or stopped), 5 lock held.
 */
public final class ScriptedTrainerMain {
    static final int BATCHES_PER_EPOCH = 5;

    public static void main(String[] args) throws Exception {
        RunDir run = new RunDir(Path.of(args[0]));
        int steps = Integer.parseInt(args[1]);
        long stepMillis = Long.parseLong(args[2]);
        System.out.println("scripted trainer pid " + ProcessHandle.current().pid() + " in " + run.id());
        TrainerSession session;
        try {
            session = TrainerSession.open(run, Duration.ofMillis(20));
        } catch (TrainerLock.HeldException e) {
            System.err.println("scripted trainer: " + e.getMessage());
            System.exit(5);
            return;
        }
        try (session) {
            EventWriter events = session.events();
            int epochs = (steps + BATCHES_PER_EPOCH - 1) / BATCHES_PER_EPOCH;
            events.write(new Event.Start(now(), "scripted", steps, epochs, BATCHES_PER_EPOCH,
                    List.of(new Event.Bucket(512, 512, 5)), "cpu", "float32"));
            int[] done = {0};
            ControlLoop.Handler handler = new ControlLoop.Handler() {
                @Override public void saveNow() throws IOException { save(run, events, done[0], false); }
                @Override public void sampleNow() throws IOException { sample(run, events, done[0]); }
            };
            double sum = 0;
            for (int step = 1; step <= steps; step++) {
                if (session.betweenSteps(handler) == ControlLoop.Next.STOP) {
                    save(run, events, done[0], true);
                    session.end(Event.End.Status.STOPPED, "stopped by the user at step " + done[0]);
                    System.out.println("stopped");
                    return;
                }
                long t0 = System.nanoTime();
                Thread.sleep(stepMillis);
                double loss = 1.0 / step; // a made-up but checkable curve
                sum += loss;
                done[0] = step;
                int epoch = (step - 1) / BATCHES_PER_EPOCH + 1;
                events.write(new Event.Step(now(), step, epoch, loss, sum / step, Map.of("unet", 1e-4),
                        (System.nanoTime() - t0) / 1e9, 1024L * 1024));
                System.out.println("step " + step);
                if (step % BATCHES_PER_EPOCH == 0 || step == steps) {
                    events.write(new Event.Epoch(now(), epoch, step, sum / step));
                }
            }
            save(run, events, steps, true);
            session.end(Event.End.Status.DONE, null);
            System.out.println("done");
        }
    }

    private static void save(RunDir run, EventWriter events, int step, boolean last) throws IOException {
        String name = last ? "scripted.safetensors" : "scripted-step" + step + ".safetensors";
        AtomicFile.write(run.outputDir().resolve(name), ("scripted fixture at step " + step).getBytes(StandardCharsets.UTF_8));
        events.write(new Event.Save(now(), "output/" + name, step));
    }

    private static void sample(RunDir run, EventWriter events, int step) throws IOException {
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        String name = "step" + step + ".png";
        AtomicFile.write(run.samplesDir().resolve(name), png.toByteArray());
        events.write(new Event.Sample(now(), "samples/" + name, "a scripted prompt", step));
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}
