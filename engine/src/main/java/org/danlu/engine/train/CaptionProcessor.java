package org.danlu.engine.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * kohya's {@code process_caption}: what a caption becomes each time its sample is loaded, in
 * kohya's exact order (prefix/suffix → whole-caption dropout → wildcard or first line → tag
 * split, warm-up, shuffle, tag dropout, re-join with ", " → secondary separator). Random draws
 * happen in the same places and order as Python's {@code random} calls there, from the given
 * {@link Random}. A pure function: the TUI's shuffle preview calls it with the same settings.
 */
public final class CaptionProcessor {

    private static final Pattern WILDCARD = Pattern.compile("\\{([^}]+)\\}");

    private CaptionProcessor() {
    }

    /**
     * The caption an image trains with before processing: its caption file's text, or the
     * folder's class tokens when it has no caption file, or "" when there are none (kohya §1.3).
     */
    public static String baseCaption(String captionFileTextOrNull, String classTokensOrNull) {
        if (captionFileTextOrNull != null) {
            return captionFileTextOrNull;
        }
        return classTokensOrNull == null ? "" : classTokensOrNull;
    }

    /** The TUI's shuffle preview: one processing of the caption at epoch 1, token warm-up over. */
    public static String preview(String caption, CaptionSettings s, Random rng) {
        return process(caption, s, CaptionTime.preview(), rng);
    }

    /** Processes one caption for one load of its sample. */
    public static String process(String caption, CaptionSettings s, CaptionTime time, Random rng) {
        String text = caption;
        if (notEmpty(s.captionPrefix())) {
            text = s.captionPrefix() + " " + text;
        }
        if (notEmpty(s.captionSuffix())) {
            text = text + " " + s.captionSuffix();
        }
        // Python short-circuits: random() is drawn only when the rate is positive.
        boolean drop = s.captionDropoutRate() > 0 && rng.nextDouble() < s.captionDropoutRate();
        drop = drop || (s.captionDropoutEveryNEpochs() > 0 && time.epoch() % s.captionDropoutEveryNEpochs() == 0);
        if (drop) {
            return "";
        }
        text = s.enableWildcard() ? expandWildcards(text, rng) : text.split("\n", -1)[0];
        if (s.shuffleCaption() || s.tokenWarmupStep() > 0 || s.captionTagDropoutRate() > 0) {
            text = processTags(text, s, time, rng);
        }
        if (notEmpty(s.secondarySeparator())) {
            text = text.replace(s.secondarySeparator(), s.captionSeparator());
        }
        return text;
    }

    private static String expandWildcards(String caption, Random rng) {
        String text = caption;
        if (text.contains("\n")) {
            String[] lines = text.split("\n", -1);
            text = lines[rng.nextInt(lines.length)];
        }
        // {{ and }} are escapes for literal braces: park them on markers absent from the text.
        String open = "\u2985";
        String close = "\u2986";
        while (text.contains(open) || text.contains(close)) {
            open += "\u2985";
            close += "\u2986";
        }
        text = text.replace("{{", open).replace("}}", close);
        Matcher m = WILDCARD.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String[] options = m.group(1).split("\\|", -1);
            m.appendReplacement(out, Matcher.quoteReplacement(options[rng.nextInt(options.length)]));
        }
        m.appendTail(out);
        return out.toString().replace(open, "{").replace(close, "}");
    }

    private static String processTags(String caption, CaptionSettings s, CaptionTime time, Random rng) {
        List<String> fixed = new ArrayList<>();
        List<String> flex;
        List<String> fixedSuffix = new ArrayList<>();
        String keepSep = s.keepTokensSeparator();
        String sep = s.captionSeparator();
        if (!keepSep.isEmpty() && caption.contains(keepSep)) {
            int at = caption.indexOf(keepSep);
            String fixedPart = caption.substring(0, at);
            String flexPart = caption.substring(at + keepSep.length());
            int again = flexPart.indexOf(keepSep);
            if (again >= 0) {
                fixedSuffix = splitTags(flexPart.substring(again + keepSep.length()), sep, false);
                flexPart = flexPart.substring(0, again);
            }
            fixed = splitTags(fixedPart, sep, false);
            flex = splitTags(flexPart, sep, false);
        } else {
            // (quirk) here empty pieces are kept: a trailing separator yields an empty tag.
            List<String> tokens = splitTags(PythonText.strip(caption), sep, true);
            flex = tokens;
            if (s.keepTokens() > 0) {
                int keep = Math.min(s.keepTokens(), tokens.size());
                fixed = new ArrayList<>(tokens.subList(0, keep));
                flex = new ArrayList<>(tokens.subList(keep, tokens.size()));
            }
        }
        flex = applyTokenWarmup(flex, s, time);
        if (s.shuffleCaption()) {
            shuffle(flex, rng);
        }
        if (s.captionTagDropoutRate() > 0) {
            List<String> kept = new ArrayList<>();
            for (String tag : flex) {
                if (rng.nextDouble() >= s.captionTagDropoutRate()) {
                    kept.add(tag);
                }
            }
            flex = kept;
        }
        List<String> all = new ArrayList<>(fixed);
        all.addAll(flex);
        all.addAll(fixedSuffix);
        return String.join(", ", all);
    }

    private static List<String> applyTokenWarmup(List<String> flex, CaptionSettings s, CaptionTime time) {
        double warmup = s.tokenWarmupStep();
        if (warmup < 1) {
            // kohya replaces a fraction by floor(fraction × max_train_steps) on first use.
            warmup = Math.floor(warmup * time.maxTrainSteps());
        }
        if (warmup == 0 || time.globalStep() >= warmup) {
            return flex;
        }
        int min = s.tokenWarmupMin();
        long length = (long) Math.floor(time.globalStep() * ((flex.size() - min) / warmup)) + min;
        // Python slicing clamps: a negative length cuts from the end, a large one keeps everything.
        int n = flex.size();
        int end = (int) (length < 0 ? Math.max(0, n + length) : Math.min(n, length));
        return new ArrayList<>(flex.subList(0, end));
    }

    /** Python's {@code random.shuffle}: Fisher-Yates from the end, j uniform in [0, i]. */
    private static void shuffle(List<String> list, Random rng) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            String t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    private static List<String> splitTags(String text, String sep, boolean keepEmpty) {
        List<String> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int at = text.indexOf(sep, from);
            String piece = PythonText.strip(at < 0 ? text.substring(from) : text.substring(from, at));
            if (keepEmpty || !piece.isEmpty()) {
                out.add(piece);
            }
            if (at < 0) {
                return out;
            }
            from = at + sep.length();
        }
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }
}
