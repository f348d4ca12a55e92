package org.danlu.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.danlu.engine.bucket.BucketInput;
import org.danlu.engine.bucket.BucketSettings;
import org.danlu.engine.bucket.Resolution;
import org.danlu.engine.bucket.RunPlan;
import org.junit.jupiter.api.Test;

/** The text and JSON forms of a plan worked by hand (see BucketPlannerTest for the arithmetic). */
class BucketPlanPrintTest {

    private static RunPlan plan() {
        // 3 x 640x480 and 1 x 1920x1080, repeats 10, batch 4, 512 buckets, 10 epochs:
        // 576x448 (index 9): 30 samples, 8 batches, last 2; 640x384 (index 10): 10 samples, 3 batches, last 2.
        // 11 batches per epoch -> 11 steps per epoch -> 110 steps.
        List<BucketInput> in = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            in.add(BucketInput.train("a" + i + ".png", 640, 480, 10));
        }
        in.add(BucketInput.train("wide.png", 1920, 1080, 10));
        return RunPlan.of(BucketSettings.bucketed(Resolution.square(512)), 4, 1, 10, null, in);
    }

    @Test
    void textTableTotalsStepsWarnings() {
        StringWriter s = new StringWriter();
        BucketPlanText.print(new PrintWriter(s), "buckets for d", "d", plan());
        assertEquals("""
                buckets for d
                  resolution 512, bucketing on (min 256, max 1024, steps 64), batch size 4

                     #  bucket      aspect   images  x repeats  batches  last
                     9  576x448       1.29        3         30        8    2*
                    10  640x384       1.67        1         10        3    2*

                  images 4 (used 4); train images x repeats 40; reg images x repeats 0
                  batches per epoch 11; mean aspect-ratio error 0.0635
                  steps: 11 per epoch (11 batches / gradient accumulation 1) x 10 epoch(s) = 110 optimizer steps (from max_train_epochs)

                warnings:
                  bucket 576x448: last batch holds 2 of 4 samples: a0.png, a1.png, a2.png
                  bucket 640x384 holds a single image: wide.png
                  bucket 640x384: last batch holds 2 of 4 samples: wide.png
                """, s.toString());
    }

    @Test
    void jsonListsEveryImageAndBucket() {
        JsonObject o = JsonParser.parseString(BucketPlanJson.toJson("d", plan())).getAsJsonObject();
        JsonObject img = o.getAsJsonArray("images").get(0).getAsJsonObject();
        assertEquals("a0.png", img.get("path").getAsString());
        assertEquals("[576,448]", img.get("bucket").toString());
        assertEquals("[597,448]", img.get("resized").toString());
        assertEquals("[10,0]", img.get("crop_offset").toString());
        assertEquals(11, img.getAsJsonObject("crop").get("right").getAsInt());
        JsonObject b = o.getAsJsonArray("buckets").get(1).getAsJsonObject();
        assertEquals(10, b.get("index").getAsInt());
        assertEquals(10, b.get("images_x_repeats").getAsInt());
        assertEquals(3, b.get("batches").getAsInt());
        assertEquals(110, o.getAsJsonObject("steps").get("max_train_steps").getAsInt());
        assertEquals(11, o.getAsJsonObject("totals").get("batches_per_epoch").getAsInt());
        assertEquals("underfilled_batch", o.getAsJsonArray("warnings").get(0).getAsJsonObject().get("kind").getAsString());
    }
}
