package org.danlu.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.danlu.engine.run.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code logging_dir}: a two-step run on the tiny fixture leaves kohya's TensorBoard folder and scalars. */
class TensorBoardTrainerTest {

    @TempDir
    Path dir;

    @Test
    void aRunWithLoggingDirWritesKohyasScalarsWhereKohyaWould() throws Exception {
        Path model = TrainFixture.model(dir);
        Path train = TrainFixture.dataset(dir);
        Path cfg = TrainFixture.config(dir, model, train,
                "max_train_steps = 2\nlogging_dir = \"logs\"\nlog_prefix = \"shs-\"\n");
        assertTrue(UnsupportedKeys.warnings(TrainRequest.read(cfg, null, dir).config()).stream()
                .noneMatch(w -> w.contains("log")), "logging_dir, log_prefix: known and acted on");
        TrainFixture.Trained t = TrainFixture.train(dir, cfg);
        assertEquals(Event.End.Status.DONE, t.status(), t::log);
        List<String> logs = t.of(Event.Log.class).stream().map(Event.Log::message).toList();

        List<Path> files;
        try (Stream<Path> s = Files.walk(dir.resolve("logs"))) {
            files = s.filter(Files::isRegularFile).toList();
        }
        assertEquals(1, files.size(), files::toString);
        Path file = files.get(0);
        // kohya: logging_dir/<log_prefix><yyyyMMddHHmmss>/network_train/events.out.tfevents.<secs>.<host>.<pid>.0
        String relative = dir.resolve("logs").relativize(file).toString();
        assertTrue(relative.matches("shs-\\d{14}/network_train/events\\.out\\.tfevents\\.\\d+\\..+\\.\\d+\\.0"), relative);
        assertTrue(logs.stream().anyMatch(l -> l.equals("TensorBoard log: " + file)), logs::toString);

        List<String> tags = new ArrayList<>();
        for (byte[] r : records(Files.readAllBytes(file))) {
            String text = new String(r, StandardCharsets.ISO_8859_1);
            for (String tag : List.of("loss/current", "loss/average", "lr/unet", "lr/textencoder", "loss/epoch")) {
                if (text.contains(tag)) {
                    tags.add(tag);
                }
            }
        }
        assertEquals(2, tags.stream().filter("loss/current"::equals).count(), tags::toString);
        assertEquals(2, tags.stream().filter("loss/average"::equals).count(), tags::toString);
        assertEquals(2, tags.stream().filter("lr/unet"::equals).count(), tags::toString);
    }

    /** The records' data (framing and checksums are checked in TfEventFileTest). */
    private static List<byte[]> records(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> out = new ArrayList<>();
        while (b.hasRemaining()) {
            byte[] data = new byte[(int) b.getLong()];
            b.getInt();
            b.get(data);
            b.getInt();
            out.add(data);
        }
        return out;
    }
}
