package org.danlu.app.tui.screen.tags;

import java.util.ArrayList;
import java.util.List;
import org.danlu.app.tui.i18n.Messages;
import org.danlu.app.tui.term.Role;
import org.danlu.app.tui.text.DisplayWidth;
import org.danlu.app.tui.widget.Canvas;

/**
 * The middle pane of the Tags screen: one shuffle sample as the trainer sees it, each tag wholly or
 * partly past the token limit marked {@value #CUT} in the TRUNCATED role (the mark works without
 * colour), a {@value #WINDOW}75 mark where each further 75-token window begins, and the token count
 * against the limit, or in one short line why there is none.
 */
final class ShufflePane {
    /** Marks a tag the trainer cuts off. */
    static final String CUT = "✂";
    /** Marks where a 75-token window begins. */
    static final String WINDOW = "┊";
    /** Rows kept at the bottom for the token note and the reshuffle hint. */
    private static final int NOTE_ROWS = 4;

    private final Messages msg;

    ShufflePane(Messages msg) {
        this.msg = msg;
    }

    void draw(Canvas c, ShufflePreview p, LoadedTokenizer tokenizer, int windows, int keepTokens, double dropout) {
        c.fill(Role.BODY);
        c.line(0, msg.get("tags.shuffleTitle"), Role.HEADER);
        c.line(1, msg.get("tags.shuffleSettings", keepTokens, dropout), Role.DIM);
        c.line(c.height() - 1, msg.get("tags.reshuffleHint"), Role.DIM);
        if (p == null) {
            return;
        }
        JoinedTags line = JoinedTags.of(p.order());
        TokenBudget budget = tokenizer.budget(line.line(), windows);
        List<String> note = DisplayWidth.wrap(note(line, budget, tokenizer), c.width());
        int noteTop = c.height() - 1 - Math.min(NOTE_ROWS, note.size());
        Role noteRole = (budget != null && budget.tokens() > budget.limit())
                || tokenizer.state() == LoadedTokenizer.State.BROKEN ? Role.WARN : Role.DIM;
        for (int i = 0; i < note.size() && noteTop + i < c.height() - 1; i++) {
            c.line(noteTop + i, note.get(i), noteRole);
        }
        int row = 3;
        for (List<TagFlow.Run> runs : TagFlow.lay(units(line, budget), c.width())) {
            if (row >= noteTop - 1) {
                break;
            }
            for (TagFlow.Run r : runs) {
                c.text(r.col(), row, r.text(), r.role());
            }
            row++;
        }
        if (!p.dropped().isEmpty() && row < noteTop - 1) {
            c.line(++row, msg.get("tags.dropped", String.join(", ", p.dropped())), Role.DIM);
        }
    }

    /** Each tag as one unit: window marks before it, the tag (✂ and TRUNCATED when cut), ", " after it. */
    private static List<List<TagFlow.Piece>> units(JoinedTags line, TokenBudget budget) {
        List<List<TagFlow.Piece>> units = new ArrayList<>();
        for (int i = 0; i < line.tags().size(); i++) {
            List<TagFlow.Piece> unit = new ArrayList<>();
            if (budget != null) {
                for (int w : budget.windowsBeginning(line.previousEnd(i), line.ends()[i])) {
                    unit.add(new TagFlow.Piece(WINDOW + w + " ", Role.HEADER));
                }
            }
            boolean cut = line.cut(i, budget);
            unit.add(new TagFlow.Piece(cut ? CUT + line.tags().get(i) : line.tags().get(i),
                    cut ? Role.TRUNCATED : Role.BODY));
            if (i < line.tags().size() - 1) {
                unit.add(new TagFlow.Piece(JoinedTags.SEPARATOR, Role.BODY));
            }
            units.add(unit);
        }
        return units;
    }

    private String note(JoinedTags line, TokenBudget budget, LoadedTokenizer tokenizer) {
        if (budget == null) {
            return switch (tokenizer.state()) {
                case LOADING, READY -> msg.get("tags.tokenizerLoading");
                case NOT_FOUND -> msg.get("tags.noTokenizer");
                case BROKEN -> tokenizer.problemFile().isEmpty() ? msg.get("tags.tokenizerFailed", tokenizer.problem())
                        : msg.get("tags.tokenizerBroken", tokenizer.problem(), tokenizer.problemFile());
            };
        }
        int cut = line.cutCount(budget);
        String count = cut > 0 ? msg.get("tags.tokenCut", budget.tokens(), budget.limit(), cut)
                : msg.get("tags.tokenCount", budget.tokens(), budget.limit());
        return budget.windows() > 1 ? msg.get("tags.tokenWindows", count, budget.windows()) : count;
    }
}
