package org.danlu.app.tui.screen.buckets;

import org.danlu.app.tui.i18n.Messages;
import org.danlu.app.tui.state.DatasetModel;
import org.danlu.engine.bucket.BucketSettings;
import org.danlu.engine.bucket.Resolution;

/**
 * The editable bucket and training settings of the Buckets screen as a numbered list: label, value
 * text, set from typed text, and +/- steps. Every change goes straight to the model, which
 * recomputes the plan. Errors come back as text (empty when fine), never as exceptions.
 */
final class BucketSettingsEditor {
    static final int COUNT = 9;

    private final DatasetModel model;
    private final Messages msg;

    BucketSettingsEditor(DatasetModel model, Messages msg) {
        this.model = model;
        this.msg = msg;
    }

    String label(int i) {
        return msg.get("setting." + i);
    }

    String value(int i) {
        BucketSettings s = model.settings();
        return switch (i) {
            case 0 -> s.resolution().toKohyaString();
            case 1 -> onOff(s.enableBucket());
            case 2 -> String.valueOf(s.minBucketReso());
            case 3 -> String.valueOf(s.maxBucketReso());
            case 4 -> String.valueOf(s.bucketResoSteps());
            case 5 -> onOff(s.bucketNoUpscale());
            case 6 -> String.valueOf(model.batchSize());
            case 7 -> String.valueOf(model.epochs());
            default -> String.valueOf(model.gradAccum());
        };
    }

    private String onOff(boolean b) {
        return msg.get(b ? "setting.on" : "setting.off");
    }

    /** Sets a value from text; returns an error message or "". */
    String set(int i, String text) {
        try {
            BucketSettings s = model.settings();
            switch (i) {
                case 0 -> apply(new BucketSettings(Resolution.parse(text), s.enableBucket(), s.minBucketReso(),
                        s.maxBucketReso(), s.bucketResoSteps(), s.bucketNoUpscale()));
                case 1 -> apply(new BucketSettings(s.resolution(), bool(text), s.minBucketReso(), s.maxBucketReso(),
                        s.bucketResoSteps(), s.bucketNoUpscale()));
                case 2 -> apply(new BucketSettings(s.resolution(), s.enableBucket(), positive(text), s.maxBucketReso(),
                        s.bucketResoSteps(), s.bucketNoUpscale()));
                case 3 -> apply(new BucketSettings(s.resolution(), s.enableBucket(), s.minBucketReso(), positive(text),
                        s.bucketResoSteps(), s.bucketNoUpscale()));
                case 4 -> apply(new BucketSettings(s.resolution(), s.enableBucket(), s.minBucketReso(), s.maxBucketReso(),
                        positive(text), s.bucketNoUpscale()));
                case 5 -> apply(new BucketSettings(s.resolution(), s.enableBucket(), s.minBucketReso(), s.maxBucketReso(),
                        s.bucketResoSteps(), bool(text)));
                case 6 -> model.setTraining(positive(text), model.epochs(), model.gradAccum());
                case 7 -> model.setTraining(model.batchSize(), positive(text), model.gradAccum());
                default -> model.setTraining(model.batchSize(), model.epochs(), positive(text));
            }
            return model.planError();
        } catch (IllegalArgumentException e) {
            return label(i) + ": " + e.getMessage();
        }
    }

    /** One step up (+1) or down (-1). */
    String adjust(int i, int sign) {
        BucketSettings s = model.settings();
        return switch (i) {
            case 0 -> set(0, Math.max(64, s.resolution().width() + 64 * sign) + ","
                    + Math.max(64, s.resolution().height() + 64 * sign));
            case 1 -> set(1, String.valueOf(!s.enableBucket()));
            case 2 -> set(2, String.valueOf(Math.max(64, s.minBucketReso() + 64 * sign)));
            case 3 -> set(3, String.valueOf(Math.max(64, s.maxBucketReso() + 64 * sign)));
            case 4 -> set(4, String.valueOf(Math.max(8, s.bucketResoSteps() + 8 * sign)));
            case 5 -> set(5, String.valueOf(!s.bucketNoUpscale()));
            case 6 -> set(6, String.valueOf(Math.max(1, model.batchSize() + sign)));
            case 7 -> set(7, String.valueOf(Math.max(1, model.epochs() + sign)));
            default -> set(8, String.valueOf(Math.max(1, model.gradAccum() + sign)));
        };
    }

    private void apply(BucketSettings s) {
        model.setSettings(s);
    }

    private boolean bool(String t) {
        return switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "on", "yes", "1", "开" -> true;
            case "false", "off", "no", "0", "关" -> false;
            default -> throw new IllegalArgumentException(msg.get("setting.badBool", t));
        };
    }

    private int positive(String t) {
        try {
            int v = Integer.parseInt(t.trim());
            if (v < 1) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(msg.get("setting.badNumber", t));
        }
    }
}
