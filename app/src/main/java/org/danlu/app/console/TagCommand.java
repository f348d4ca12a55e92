package org.danlu.app.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.danlu.engine.dataset.DatasetScan;
import org.danlu.engine.dataset.ImageEntry;
import org.danlu.engine.dataset.Selection;
import org.danlu.engine.dataset.TagEdit;
import org.danlu.engine.dataset.TagLine;

/**
 * The caption command language shared by the studio's {@code :} prompt and {@code danlu console}:
 * <pre>
 *   replace OLD NEW          rename a tag (alias: rename)
 *   sub OLD NEW              replace text anywhere in the captions, inside tags too
 *   add TAG [--front|--back|--after N]
 *   remove TAG               (aliases: rm, delete)
 *   front TAG                move a tag to the front
 *   sort [alpha|freq] [--keep N]
 *   dedupe                   remove repeated tags
 *   normalize [--underscores] [--lower]
 *   undo | redo | history
 *   caption TEXT             write TEXT as the caption of the images that have no caption file
 *   exclude                  set the images aside from training (moved into .excluded, kept)
 *   restore                  bring every image set aside back
 *   list [FILTER]            images and captions (filter as in the studio's / prompt)
 *   help
 * </pre>
 * Edits take {@code --all} to cover the whole dataset instead of the current selection. Tags with
 * spaces or commas are quoted: {@code replace "long hair" "very long hair"}.
 */
public sealed interface TagCommand {
    /** Command names, for completion and help. */
    List<String> NAMES = List.of("replace", "sub", "add", "remove", "front", "sort", "dedupe", "normalize", "undo",
            "redo", "history", "caption", "exclude", "restore", "list", "help");

    record Edit(TagEdit edit, boolean all) implements TagCommand {
    }

    record Undo() implements TagCommand {
    }

    /**
     * kohya_ss's basic captioning: {@code text} becomes the caption of every image in scope that has no caption
     * file (captions that exist are never touched), as one journaled edit.
     */
    record CreateCaptions(String text, boolean all) implements TagCommand {
        /** The edit for the images without a caption file among {@code scope}. */
        public Selection scope(DatasetScan scan, Selection scope) {
            return Selection.images(scope.of(scan).stream().filter(e -> !e.hasCaption()).map(ImageEntry::path).toList());
        }

        public TagEdit edit() {
            return new TagEdit.SetTags(TagLine.parse(text).items());
        }
    }

    /** Sets images aside from training ({@code ExcludedImages}); {@code all} covers the whole dataset. */
    record Exclude(boolean all) implements TagCommand {
    }

    record Restore() implements TagCommand {
    }

    record Redo() implements TagCommand {
    }

    record History() implements TagCommand {
    }

    record ListImages(String filter) implements TagCommand {
    }

    record Help() implements TagCommand {
    }

    /** Parses one line; throws {@link IllegalArgumentException} with the usage when it is wrong. */
    static TagCommand parse(String line) {
        List<String> words = split(line);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("empty command; try: help");
        }
        String cmd = words.get(0).toLowerCase(Locale.ROOT);
        boolean all = words.remove("--all");
        List<String> args = words.subList(1, words.size());
        return switch (cmd) {
            case "replace", "rename" -> {
                need(args, 2, "replace OLD NEW");
                yield new Edit(new TagEdit.Replace(args.get(0), args.get(1)), all);
            }
            case "sub" -> {
                need(args, 2, "sub OLD NEW");
                if (args.get(0).isEmpty()) {
                    throw new IllegalArgumentException("usage: sub OLD NEW (OLD may not be empty)");
                }
                yield new Edit(new TagEdit.ReplaceText(args.get(0), args.get(1)), all);
            }
            case "add" -> parseAdd(args, all);
            case "remove", "rm", "delete" -> {
                need(args, 1, "remove TAG");
                yield new Edit(new TagEdit.Remove(args.get(0)), all);
            }
            case "front" -> {
                need(args, 1, "front TAG");
                yield new Edit(new TagEdit.MoveToFront(args.get(0)), all);
            }
            case "sort" -> parseSort(args, all);
            case "dedupe" -> new Edit(new TagEdit.Dedupe(), all);
            case "normalize" -> new Edit(new TagEdit.Normalize(args.contains("--underscores"), args.contains("--lower")), all);
            case "undo" -> new Undo();
            case "redo" -> new Redo();
            case "history" -> new History();
            case "caption" -> {
                need(args, 1, "caption TEXT");
                if (args.get(0).isBlank()) {
                    throw new IllegalArgumentException("usage: caption TEXT (quote it: caption \"shs dog, photo\")");
                }
                yield new CreateCaptions(args.get(0).strip(), all);
            }
            case "exclude" -> new Exclude(all);
            case "restore" -> new Restore();
            case "list", "ls" -> new ListImages(String.join(" ", args));
            case "help", "?" -> new Help();
            default -> throw new IllegalArgumentException("unknown command '" + words.get(0) + "'; commands: "
                    + String.join(", ", NAMES));
        };
    }

    private static TagCommand parseAdd(List<String> args, boolean all) {
        TagEdit.Position pos = TagEdit.Position.BACK;
        int keep = 0;
        String tag = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--front" -> pos = TagEdit.Position.FRONT;
                case "--back" -> pos = TagEdit.Position.BACK;
                case "--after" -> {
                    pos = TagEdit.Position.AFTER_KEEP;
                    keep = number(args, ++i, "add TAG --after N");
                }
                default -> {
                    if (tag != null) {
                        throw new IllegalArgumentException("add takes one tag (quote tags with spaces): add TAG [--front|--back|--after N]");
                    }
                    tag = a;
                }
            }
        }
        if (tag == null || tag.isBlank()) {
            throw new IllegalArgumentException("usage: add TAG [--front|--back|--after N]");
        }
        return new Edit(new TagEdit.Add(tag.strip(), pos, keep), all);
    }

    private static TagCommand parseSort(List<String> args, boolean all) {
        TagEdit.Order order = TagEdit.Order.ALPHABETICAL;
        int keep = 0;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "alpha" -> order = TagEdit.Order.ALPHABETICAL;
                case "freq" -> order = TagEdit.Order.FREQUENCY;
                case "--keep" -> keep = number(args, ++i, "sort [alpha|freq] --keep N");
                default -> throw new IllegalArgumentException("usage: sort [alpha|freq] [--keep N]");
            }
        }
        return new Edit(new TagEdit.Sort(order, keep), all);
    }

    private static int number(List<String> args, int i, String usage) {
        try {
            int n = Integer.parseInt(args.get(i));
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            throw new IllegalArgumentException("expected a number; usage: " + usage);
        }
    }

    private static void need(List<String> args, int n, String usage) {
        if (args.size() != n) {
            throw new IllegalArgumentException("usage: " + usage + " (quote tags with spaces)");
        }
    }

    /** Splits on spaces, keeping "double" or 'single' quoted parts together (backslash escapes). */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
                any = true;
            } else if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (any) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
            } else {
                cur.append(c);
                any = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed quote " + quote + " in: " + line);
        }
        if (any) {
            out.add(cur.toString());
        }
        return out;
    }
}
