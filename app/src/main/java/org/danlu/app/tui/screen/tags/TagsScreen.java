package org.danlu.app.tui.screen.tags;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.danlu.app.console.Completion;
import org.danlu.app.tui.i18n.Messages;
import org.danlu.app.tui.keys.Keymap;
import org.danlu.app.tui.keys.Navigation;
import org.danlu.app.tui.screen.CaptionEdits;
import org.danlu.app.tui.screen.ScreenHost;
import org.danlu.app.tui.screen.StudioScreen;
import org.danlu.app.tui.state.Browse;
import org.danlu.app.tui.state.DatasetModel;
import org.danlu.app.console.ImageFilter;
import org.danlu.app.tui.term.Role;
import org.danlu.app.tui.text.DisplayWidth;
import org.danlu.app.tui.widget.Canvas;
import org.danlu.app.tui.widget.ListPane;
import org.danlu.app.tui.widget.TableView;
import org.danlu.engine.dataset.ImageEntry;
import org.danlu.engine.dataset.Selection;
import org.danlu.engine.dataset.TagEdit;
import org.danlu.engine.dataset.TagLine;
import org.danlu.engine.config.TrainConfig;
import org.danlu.engine.model.clip.TokenizerLocator;

/**
 * The Tags screen: the selected image's tags as an ordered, editable list with the keep-tokens
 * boundary; a live shuffle preview (what the trainer sees with shuffle_caption, keep_tokens and
 * tag dropout) with its CLIP token count and the tags past the token limit marked; and the
 * dataset-wide tag frequency table, from which a tag is renamed, removed everywhere or used as a
 * filter. Every change is a journaled edit: {@code u} undoes, Ctrl-R redoes.
 */
public final class TagsScreen implements StudioScreen {
    private final ScreenHost host;
    private final Messages msg;
    private final DatasetModel model;
    private final Browse browse;
    private final CaptionEdits edits;
    private final Keymap listKeys = new Keymap();
    private final Keymap tableKeys = new Keymap();
    private final Random random = new Random();
    private long seed = 1;
    private boolean tableFocused;
    private int tagIndex;
    private int freqIndex;
    private int page = 10;
    private List<Map.Entry<String, Integer>> frequency = List.of();
    private Object frequencyOf;
    private final LoadedTokenizer tokenizer;
    private final ShufflePane shufflePane;
    private Supplier<TokenizerSettings> tokenizerSettings;

    public TagsScreen(ScreenHost host, DatasetModel model, Browse browse, CaptionEdits edits) {
        this.host = host;
        this.msg = host.messages();
        this.model = model;
        this.browse = browse;
        this.edits = edits;
        this.tokenizer = new LoadedTokenizer(host.store());
        this.shufflePane = new ShufflePane(msg);
        Path hub = TokenizerLocator.hubCache(System.getenv(), Path.of(System.getProperty("user.home")));
        this.tokenizerSettings = () -> TokenizerSettings.hubOnly(hub);
        // Undo first: it is the key that matters most on this screen, so the status bar keeps it.
        for (Keymap k : List.of(listKeys, tableKeys)) {
            k.add("u", "key.undo", true, edits::undo)
                    .add("Ctrl-R", "key.redo", false, edits::redo)
                    .add("Left h", "key.tagList", false, () -> tableFocused = false)
                    .add("Right l", "key.tagTable", false, () -> tableFocused = true);
        }
        Navigation.add(listKeys, d -> tagIndex = clamp(tagIndex + d, items().size()), () -> page);
        listKeys.add("a", "key.addTag", true, this::askAdd)
                .add("e", "key.editTag", true, this::askEdit)
                .add("E", "key.editCaption", false, this::askCaption)
                .add("x Del", "key.deleteTag", true, this::deleteTag)
                .add("[", "key.moveUp", false, () -> moveTag(-1))
                .add("]", "key.moveDown", false, () -> moveTag(1))
                .add("b", "key.keepBoundary", true, this::setBoundary)
                .add("p", "key.dropout", false, this::askDropout)
                .add("Space", "key.reshuffle", false, () -> seed++);
        Navigation.add(tableKeys, d -> freqIndex = clamp(freqIndex + d, frequency.size()), () -> page);
        tableKeys.add("n", "key.renameTag", true, this::askRename)
                .add("x Del", "key.removeEverywhere", true, this::removeEverywhere)
                .add("f Enter", "key.filterByTag", true, this::filterByTag);
    }

    /**
     * Counts tokens with the tokenizer the training config names and against its max_token_length:
     * {@code config} is read on every frame (the Params screen's {@code config()}), so a changed model
     * path loads that model's tokenizer. Relative paths are relative to {@code baseDir}.
     */
    public void followTrainingConfig(Supplier<TrainConfig> config, Path baseDir) {
        followTrainingConfig(config, baseDir, TokenizerLocator.hubCache(System.getenv(),
                Path.of(System.getProperty("user.home"))));
    }

    /** As {@link #followTrainingConfig(Supplier, Path)}, with the HuggingFace cache folder given. */
    public void followTrainingConfig(Supplier<TrainConfig> config, Path baseDir, Path hubCache) {
        this.tokenizerSettings = () -> {
            try {
                return TokenizerSettings.of(config.get(), baseDir, hubCache);
            } catch (RuntimeException e) {
                return TokenizerSettings.hubOnly(hubCache); // a value of the wrong type: Params shows the error
            }
        };
    }

    @Override
    public String titleKey() {
        return "screen.tags";
    }

    @Override
    public Keymap keymap() {
        return tableFocused ? tableKeys : listKeys;
    }

    @Override
    public String status() {
        ImageEntry e = browse.selectedImage();
        if (e == null) {
            return msg.get("tags.noImage");
        }
        return msg.get("tags.status", e.fileName(), e.tags().size(), model.keepTokens(), model.tagDropout());
    }

    private static int clamp(int i, int n) {
        return Math.max(0, Math.min(i, n - 1));
    }

    private List<String> items() {
        ImageEntry e = browse.selectedImage();
        return e == null || e.caption() == null ? List.of() : e.caption().tagLine().items();
    }

    /**
     * The whole caption line in the prompt, for sentence captions and quick rewrites; written back as
     * one edit (its tags, {@code |||} included), creating the caption file when there is none.
     */
    private void askCaption() {
        ImageEntry e = browse.selectedImage();
        if (e == null) {
            return;
        }
        String now = e.caption() == null ? "" : e.caption().tagLine().render();
        host.prompt(msg.get("tags.captionLead"), now, t -> {
            List<String> next = TagLine.parse(t.strip()).items();
            if (!next.equals(items())) {
                edits.edit(Selection.images(List.of(e.path())), new TagEdit.SetTags(next),
                        msg.get("tags.captionEdited", e.fileName()), false);
            }
        });
    }

    private String currentTag() {
        List<String> it = items();
        return tagIndex < it.size() ? it.get(tagIndex) : null;
    }

    private Selection thisImage() {
        return Selection.images(List.of(browse.selectedImage().path()));
    }

    private void askAdd() {
        ImageEntry e = browse.selectedImage();
        if (e == null) {
            return;
        }
        tagPrompt(msg.get("tags.addLead"), "", t -> {
            if (t.isBlank()) {
                return;
            }
            if (e.caption() == null) {
                // The first tag of an image without a caption creates its caption file (undo deletes it again).
                edits.edit(Selection.images(List.of(e.path())), new TagEdit.SetTags(List.of(t.strip())),
                        msg.get("tags.createCaption", e.captionPath().getFileName(), t.strip()), false);
                tagIndex = 0;
                return;
            }
            // After the current tag: AFTER_KEEP counts tags, so "after the first tagIndex+1 tags".
            int after = items().isEmpty() ? 0 : tagsBefore(tagIndex + 1);
            edits.edit(thisImage(), new TagEdit.Add(t.strip(), TagEdit.Position.AFTER_KEEP, after), false);
            tagIndex = Math.min(tagIndex + 1, items().size());
        });
    }

    /** Tags (not ||| separators) among the first n items. */
    private int tagsBefore(int n) {
        List<String> it = items();
        int c = 0;
        for (int i = 0; i < Math.min(n, it.size()); i++) {
            if (!TagLine.KEEP.equals(it.get(i))) {
                c++;
            }
        }
        return c;
    }

    private void askEdit() {
        String tag = currentTag();
        if (tag == null || TagLine.KEEP.equals(tag)) {
            return;
        }
        tagPrompt(msg.get("tags.editLead"), tag, t -> {
            if (!t.isBlank() && !t.strip().equals(tag)) {
                edits.edit(thisImage(), new TagEdit.Replace(tag, t.strip()), false);
            }
        });
    }

    private void deleteTag() {
        String tag = currentTag();
        if (tag != null && !TagLine.KEEP.equals(tag)) {
            edits.edit(thisImage(), new TagEdit.Remove(tag), false);
        }
    }

    /**
     * Moves the current tag one place, past a {@code |||} separator too (into or out of the kept
     * part): the image's whole new tag list as one edit, so one {@code u} undoes it.
     */
    private void moveTag(int delta) {
        String tag = currentTag();
        List<String> it = new ArrayList<>(items());
        int target = tagIndex + delta;
        if (tag == null || TagLine.KEEP.equals(tag) || target < 0 || target >= it.size()) {
            return;
        }
        Collections.swap(it, tagIndex, target);
        edits.edit(thisImage(), new TagEdit.SetTags(it),
                msg.get(delta < 0 ? "tags.movedUp" : "tags.movedDown", tag), false);
        tagIndex = target;
    }

    private void setBoundary() {
        int n = tagsBefore(tagIndex + 1);
        model.setKeepTokens(n == model.keepTokens() ? 0 : n);
    }

    private void askDropout() {
        host.prompt(msg.get("tags.dropoutLead"), String.valueOf(model.tagDropout()), t -> {
            try {
                model.setTagDropout(Double.parseDouble(t.trim()));
            } catch (NumberFormatException e) {
                host.flash(msg.get("tags.badNumber", t), true);
            }
        });
    }

    private String currentFreqTag() {
        return freqIndex < frequency.size() ? frequency.get(freqIndex).getKey() : null;
    }

    /** A prompt for one tag: the dataset's tags that start with the text are listed as it is typed; Tab completes. */
    private void tagPrompt(String lead, String initial, java.util.function.Consumer<String> onSubmit) {
        host.prompt(lead, initial, t -> {
            List<String> m = Completion.matches(t.strip(), model.tagsByFrequency(), 3);
            return m.isEmpty() ? "" : msg.get("tags.completions", String.join(", ", m));
        }, t -> Completion.tag(t, model.tagsByFrequency()), onSubmit);
    }

    private void askRename() {
        String tag = currentFreqTag();
        if (tag != null) {
            tagPrompt(msg.get("tags.renameLead", tag), tag, t -> {
                if (!t.isBlank() && !t.strip().equals(tag)) {
                    edits.edit(Selection.all(), new TagEdit.Replace(tag, t.strip()), true);
                }
            });
        }
    }

    private void removeEverywhere() {
        String tag = currentFreqTag();
        if (tag != null) {
            edits.edit(Selection.all(), new TagEdit.Remove(tag), true);
        }
    }

    private void filterByTag() {
        String tag = currentFreqTag();
        if (tag != null) {
            browse.setFilter(new ImageFilter("tag:" + tag.replace(' ', '_')));
            host.show(0);
        }
    }

    @Override
    public void draw(Canvas body) {
        body.fill(Role.BODY);
        refreshFrequency();
        int w = body.width();
        int lw = Math.max(24, w * 30 / 100);
        int tw = Math.max(26, w * 32 / 100);
        int mw = w - lw - tw - 2;
        page = Math.max(1, body.height() - 3);
        TokenizerSettings settings = tokenizerSettings.get();
        tokenizer.want(settings);
        ListPane.draw(body.sub(0, 0, lw, body.height()), tagListModel(settings.windows()));
        body.vline(lw, Role.BORDER);
        List<String> it = items();
        random.setSeed(seed);
        shufflePane.draw(body.sub(lw + 1, 0, mw, body.height()),
                it.isEmpty() ? null : ShufflePreview.sample(it, model.keepTokens(), model.tagDropout(), random),
                tokenizer, settings.windows(), model.keepTokens(), model.tagDropout());
        body.vline(lw + 1 + mw, Role.BORDER);
        TableView.draw(body.sub(w - tw, 0, tw, body.height()), frequencyModel());
    }

    private void refreshFrequency() {
        if (model.loaded() && frequencyOf != model.scan()) {
            frequency = model.tagFrequency();
            frequencyOf = model.scan();
            freqIndex = clamp(freqIndex, frequency.size());
        }
    }

    /** The image's tags; those past the token limit in this (unshuffled) order are marked ✂. */
    private ListPane.Model tagListModel(int windows) {
        List<ListPane.Item> rows = new ArrayList<>();
        List<String> it = items();
        JoinedTags inOrder = JoinedTags.of(it.stream().filter(t -> !TagLine.KEEP.equals(t)).toList());
        TokenBudget budget = tokenizer.budget(inOrder.line(), windows);
        int keep = model.keepTokens();
        int tags = 0;
        int selectedRow = -1;
        boolean hasSep = it.contains(TagLine.KEEP);
        for (int i = 0; i < it.size(); i++) {
            String t = it.get(i);
            if (i == tagIndex) {
                selectedRow = rows.size();
            }
            if (TagLine.KEEP.equals(t)) {
                rows.add(new ListPane.Item("─── ||| " + msg.get("tags.keepSep") + " ───", Role.HEADER));
                continue;
            }
            tags++;
            boolean kept = hasSep ? i < it.indexOf(TagLine.KEEP) : tags <= keep;
            if (inOrder.cut(tags - 1, budget)) {
                rows.add(new ListPane.Item(ShufflePane.CUT + " " + t, Role.TRUNCATED));
            } else {
                rows.add(new ListPane.Item((kept ? "▪ " : "  ") + t, kept ? Role.OK : Role.BODY));
            }
            if (!hasSep && tags == keep && i < it.size() - 1) {
                rows.add(new ListPane.Item("─── keep_tokens = " + keep + " ───", Role.HEADER));
            }
        }
        ImageEntry e = browse.selectedImage();
        String title = e == null ? msg.get("tags.title") : DisplayWidth.truncate(e.fileName(), 40);
        String empty = e == null ? msg.get("tags.noImage") : msg.get("tags.noTags");
        return new ListPane.Model(title, rows, selectedRow, !tableFocused, empty);
    }

    private TableView.Model frequencyModel() {
        List<TableView.Row> rows = new ArrayList<>();
        for (Map.Entry<String, Integer> f : frequency) {
            rows.add(new TableView.Row(List.of(f.getKey(), String.valueOf(f.getValue()))));
        }
        return new TableView.Model(msg.get("tags.freqTitle", frequency.size()),
                List.of(TableView.Column.left(msg.get("tags.tag"), 0), TableView.Column.right(msg.get("tags.images"), 6)),
                rows, frequency.isEmpty() ? -1 : freqIndex, tableFocused, msg.get("tags.noTags"));
    }

    @Override
    public void shown() {
        tagIndex = clamp(tagIndex, items().size());
        tokenizer.retryIfFailed(); // a tokenizer fetched since the last look is found now
    }
}
