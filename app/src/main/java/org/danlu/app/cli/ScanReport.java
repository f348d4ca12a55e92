package org.danlu.app.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import org.danlu.engine.dataset.DatasetFolder;
import org.danlu.engine.dataset.DatasetScan;
import org.danlu.engine.dataset.Finding;
import org.danlu.engine.dataset.ScanSummary;
import org.danlu.engine.dataset.Severity;

/** Prints a {@link DatasetScan} for people (text) or scripts (the JSON document in the README). */
final class ScanReport {

    private ScanReport() {
    }

    /** Findings shown per kind in the text report unless all are asked for. */
    private static final int PER_KIND = 10;

    static void text(DatasetScan scan, PrintWriter out) {
        text(scan, out, false);
    }

    static void text(DatasetScan scan, PrintWriter out, boolean allFindings) {
        ScanSummary sum = ScanSummary.of(scan);
        var ext = scan.captionExtension();
        out.printf("Dataset %s (%s)%n", scan.root(), layout(scan.layout()));
        out.printf("Captions: %s (%s; %d images have .txt, %d have .caption) -> kohya %s%n", ext.extension(),
                ext.detected() ? "detected" : "as given", ext.withTxt(), ext.withCaption(), ext.kohyaOption());
        if (!scan.folders().isEmpty()) {
            out.println("Folders:");
            for (DatasetFolder f : scan.folders()) {
                out.printf("  %-5s %-20s x%-4d id %-8s class %-10s %4d images, %d captioned%n",
                        f.reg() ? "reg" : "train", f.folderName(), f.repeats(), show(f.identifier()),
                        show(f.className()), f.images().size(), f.captionedCount());
            }
        }
        out.printf("Images: %d, captioned %d%n", scan.imageCount(), scan.captionedCount());
        if (!sum.sizeHistogram().isEmpty()) {
            out.print("Shorter side:");
            sum.sizeHistogram().forEach(r -> out.printf("  %s px: %d", r.label(), r.images()));
            out.println();
            out.print("Common sizes:");
            sum.commonSizes().stream().limit(5).forEach(c -> out.printf("  %dx%d: %d", c.width(), c.height(), c.images()));
            out.println();
        }
        var top = sum.tags().top(20);
        if (!top.isEmpty()) {
            out.println("Top tags (images):");
            StringBuilder line = new StringBuilder("  ");
            for (Map.Entry<String, Integer> t : top) {
                String item = t.getKey() + " " + t.getValue();
                if (line.length() + item.length() > 78) {
                    out.println(line.toString().stripTrailing());
                    line = new StringBuilder("  ");
                }
                line.append(item).append(",  ");
            }
            out.println(line.toString().replaceAll(",\\s*$", ""));
        }
        out.printf("Findings: %d errors, %d warnings, %d info%n", scan.count(Severity.ERROR),
                scan.count(Severity.WARNING), scan.count(Severity.INFO));
        Map<String, Integer> shown = new java.util.HashMap<>();
        for (Finding f : scan.findings()) {
            if (allFindings || shown.merge(f.kind(), 1, Integer::sum) <= PER_KIND) {
                out.println("  " + f.oneLine());
            }
        }
        shown.forEach((kind, n) -> {
            if (n > PER_KIND) {
                out.printf("  ... and %d more %s (--all-findings or --json lists them)%n", n - PER_KIND, kind);
            }
        });
        out.flush();
    }

    static void json(DatasetScan scan, PrintWriter out) {
        ScanSummary sum = ScanSummary.of(scan);
        JsonObject o = new JsonObject();
        o.addProperty("root", scan.root().toString());
        o.addProperty("layout", scan.layout().name().toLowerCase(Locale.ROOT));
        JsonObject ext = new JsonObject();
        ext.addProperty("extension", scan.captionExtension().extension());
        ext.addProperty("detected", scan.captionExtension().detected());
        ext.addProperty("withTxt", scan.captionExtension().withTxt());
        ext.addProperty("withCaption", scan.captionExtension().withCaption());
        o.add("captionExtension", ext);
        JsonArray folders = new JsonArray();
        for (DatasetFolder f : scan.folders()) {
            JsonObject j = new JsonObject();
            j.addProperty("name", f.folderName());
            j.addProperty("path", f.dir().toString());
            j.addProperty("reg", f.reg());
            j.addProperty("repeats", f.repeats());
            j.addProperty("classTokens", f.classTokens());
            j.addProperty("identifier", f.identifier());
            j.addProperty("class", f.className());
            j.addProperty("images", f.images().size());
            j.addProperty("captioned", f.captionedCount());
            folders.add(j);
        }
        o.add("folders", folders);
        o.addProperty("images", scan.imageCount());
        o.addProperty("captioned", scan.captionedCount());
        JsonArray hist = new JsonArray();
        for (ScanSummary.SizeRange r : sum.sizeHistogram()) {
            JsonObject j = new JsonObject();
            j.addProperty("minSide", r.minSide());
            j.addProperty("maxSide", r.maxSide() < 0 ? null : r.maxSide());
            j.addProperty("images", r.images());
            hist.add(j);
        }
        o.add("sizeHistogram", hist);
        JsonArray common = new JsonArray();
        for (ScanSummary.CommonSize c : sum.commonSizes()) {
            JsonObject j = new JsonObject();
            j.addProperty("width", c.width());
            j.addProperty("height", c.height());
            j.addProperty("images", c.images());
            common.add(j);
        }
        o.add("commonSizes", common);
        JsonArray tags = new JsonArray();
        for (Map.Entry<String, Integer> t : sum.tags().top(20)) {
            JsonObject j = new JsonObject();
            j.addProperty("tag", t.getKey());
            j.addProperty("images", t.getValue());
            j.addProperty("occurrences", sum.tags().occurrences().get(t.getKey()));
            tags.add(j);
        }
        o.add("topTags", tags);
        JsonArray findings = new JsonArray();
        for (Finding f : scan.findings()) {
            JsonObject j = new JsonObject();
            j.addProperty("severity", f.severity().label());
            j.addProperty("kind", f.kind());
            j.addProperty("file", f.file().toString());
            j.addProperty("message", f.message());
            j.addProperty("fix", f.fix());
            findings.add(j);
        }
        o.add("findings", findings);
        o.addProperty("errors", scan.count(Severity.ERROR));
        o.addProperty("warnings", scan.count(Severity.WARNING));
        out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create().toJson(o));
        out.flush();
    }

    private static String layout(DatasetScan.Layout l) {
        return switch (l) {
            case FOLDERS -> "a folder of N_name folders";
            case TRAIN_REG -> "train/ (and reg/) folders";
            case SINGLE_FOLDER -> "a single folder of images";
            case NONE -> "nothing scanned";
        };
    }

    private static String show(String s) {
        return s.isEmpty() ? "-" : s;
    }
}
