package org.danlu.app.tui.screen.tags;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.danlu.app.tui.term.Role;
import org.junit.jupiter.api.Test;

/** The preview's layout by display columns: units move to the next line whole, wide characters are never split. */
class TagFlowTest {
    private static List<TagFlow.Piece> unit(String tag, boolean last) {
        return last ? List.of(new TagFlow.Piece(tag, Role.BODY))
                : List.of(new TagFlow.Piece(tag, Role.BODY), new TagFlow.Piece(", ", Role.DIM));
    }

    private static String show(List<List<TagFlow.Run>> lines) {
        StringBuilder b = new StringBuilder();
        for (List<TagFlow.Run> line : lines) {
            for (TagFlow.Run r : line) {
                b.append(r.col()).append(':').append(r.text()).append('|');
            }
            b.append('\n');
        }
        return b.toString();
    }

    @Test
    void aUnitThatDoesNotFitMovesWholeAndOneWiderThanThePaneIsCut() {
        // Width 6: "猫耳" takes 4 columns, its ", " the last 2. "long tag," needs 9, so it starts a line and is
        // cut after 6 columns; "x" (1 column) fits after "ag, " (4 columns).
        var lines = TagFlow.lay(List.of(unit("猫耳", false), unit("long tag", false), unit("x", true)), 6);
        assertEquals("0:猫耳|4:, |\n0:long t|\n0:ag|2:, |4:x|\n", show(lines));
    }

    @Test
    void aWideCharacterThatWouldStraddleTheEdgeGoesToTheNextLine() {
        // Width 5: "ab猫" is 4 columns; the next 猫 needs 2 and only 1 is left.
        assertEquals("0:ab猫|\n0:猫|\n", show(TagFlow.lay(List.of(unit("ab猫猫", true)), 5)));
    }

    @Test
    void theTrailingSeparatorMayHangAtTheEdge() {
        // Width 4: "abc" fits with its "," (4 columns); the space after it is dropped at the edge, not wrapped.
        assertEquals("0:abc|3:,|\n0:d|\n", show(TagFlow.lay(List.of(unit("abc", false), unit("d", true)), 4)));
    }
}
