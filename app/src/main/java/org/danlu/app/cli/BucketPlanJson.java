package org.danlu.app.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import org.danlu.engine.bucket.BucketPlan;
import org.danlu.engine.bucket.BucketSettings;
import org.danlu.engine.bucket.BucketSummary;
import org.danlu.engine.bucket.ImagePlan;
import org.danlu.engine.bucket.Placement;
import org.danlu.engine.bucket.PlanWarning;
import org.danlu.engine.bucket.RunPlan;
import org.danlu.engine.bucket.StepPlan;

/** The {@code danlu buckets --json} document (format documented in the README). */
final class BucketPlanJson {

    private BucketPlanJson() {
    }

    /** One dataset: the documented single-dataset document. */
    static String toJson(String root, RunPlan run) {
        JsonObject o = dataset(root, run.buckets(), run.steps().gradientAccumulationSteps());
        o.add("steps", steps(run.steps()));
        return GSON.toJson(o);
    }

    /** Several datasets of a --dataset_config: {"datasets": [...], "steps": {...}}. */
    static String toJson(List<String> roots, List<BucketPlan> plans, StepPlan steps) {
        JsonObject o = new JsonObject();
        JsonArray ds = new JsonArray();
        for (int i = 0; i < plans.size(); i++) {
            ds.add(dataset(roots.get(i), plans.get(i), steps.gradientAccumulationSteps()));
        }
        o.add("datasets", ds);
        o.add("steps", steps(steps));
        return GSON.toJson(o);
    }

    private static final com.google.gson.Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private static JsonObject dataset(String root, BucketPlan p, int gradientAccumulationSteps) {
        BucketSettings s = p.settings();
        JsonObject o = new JsonObject();
        o.addProperty("root", root);
        JsonObject set = new JsonObject();
        set.add("resolution", pair(s.resolution().width(), s.resolution().height()));
        set.addProperty("enable_bucket", s.enableBucket());
        set.addProperty("min_bucket_reso", s.minBucketReso());
        set.addProperty("max_bucket_reso", s.maxBucketReso());
        set.addProperty("bucket_reso_steps", s.bucketResoSteps());
        set.addProperty("bucket_no_upscale", s.bucketNoUpscale());
        set.addProperty("train_batch_size", p.batchSize());
        set.addProperty("gradient_accumulation_steps", gradientAccumulationSteps);
        o.add("settings", set);

        JsonArray buckets = new JsonArray();
        for (BucketSummary b : p.buckets()) {
            JsonObject j = new JsonObject();
            j.addProperty("index", b.kohyaIndex());
            j.add("resolution", pair(b.resolution().width(), b.resolution().height()));
            j.addProperty("aspect_ratio", b.aspectRatio());
            j.addProperty("images", b.images());
            j.addProperty("images_x_repeats", b.samples());
            j.addProperty("batches", b.batches());
            j.addProperty("last_batch_size", b.lastBatchSize());
            buckets.add(j);
        }
        o.add("buckets", buckets);

        JsonArray images = new JsonArray();
        for (ImagePlan ip : p.images()) {
            Placement pl = ip.placement();
            JsonObject j = new JsonObject();
            j.addProperty("path", ip.input().key());
            j.add("size", pair(ip.input().width(), ip.input().height()));
            j.addProperty("reg", ip.input().reg());
            j.addProperty("repeats", ip.repeats());
            j.add("bucket", pair(pl.bucket().width(), pl.bucket().height()));
            j.add("resized", pair(pl.resizedWidth(), pl.resizedHeight()));
            j.addProperty("scale", pl.scale());
            j.add("crop_offset", pair(pl.crop().left(), pl.crop().top()));
            JsonObject crop = new JsonObject();
            crop.addProperty("left", pl.crop().left());
            crop.addProperty("top", pl.crop().top());
            crop.addProperty("right", pl.crop().right());
            crop.addProperty("bottom", pl.crop().bottom());
            j.add("crop", crop);
            j.addProperty("upscaled", pl.upscaled());
            j.addProperty("ar_error", pl.arError());
            images.add(j);
        }
        o.add("images", images);

        JsonObject totals = new JsonObject();
        totals.addProperty("images", p.images().size());
        totals.addProperty("used_images", p.usedImages());
        totals.addProperty("train_images_x_repeats", p.numTrainImages());
        totals.addProperty("reg_images_x_repeats", p.numRegImages());
        totals.addProperty("reg_samples", p.regSamples());
        totals.addProperty("batches_per_epoch", p.batchesPerEpoch());
        totals.addProperty("mean_ar_error", p.meanArError());
        o.add("totals", totals);

        JsonArray warnings = new JsonArray();
        for (PlanWarning w : p.warnings()) {
            JsonObject j = new JsonObject();
            j.addProperty("kind", w.kind().name().toLowerCase());
            j.addProperty("message", w.message());
            j.add("images", strings(w.keys()));
            warnings.add(j);
        }
        o.add("warnings", warnings);
        return o;
    }

    private static JsonObject steps(StepPlan st) {
        JsonObject steps = new JsonObject();
        steps.addProperty("batches_per_epoch", st.batchesPerEpoch());
        steps.addProperty("gradient_accumulation_steps", st.gradientAccumulationSteps());
        steps.addProperty("steps_per_epoch", st.updateStepsPerEpoch());
        steps.addProperty("epochs", st.numEpochs());
        steps.addProperty("max_train_steps", st.maxTrainSteps());
        steps.addProperty("from_epochs", st.stepsFromEpochs());
        steps.addProperty("last_epoch_steps", st.lastEpochSteps());
        return steps;
    }

    private static JsonArray pair(int a, int b) {
        JsonArray j = new JsonArray();
        j.add(a);
        j.add(b);
        return j;
    }

    private static JsonArray strings(List<String> values) {
        JsonArray j = new JsonArray();
        values.forEach(j::add);
        return j;
    }
}
