package org.danlu.app.tui.screen.tags;

import java.util.ArrayList;
import java.util.List;
import org.danlu.app.tui.term.Role;
import org.danlu.app.tui.text.DisplayWidth;

/**
 * Lays a caption out in a pane as coloured pieces: each tag with its marks and the ", " after it is
 * one unit that moves to the next line whole when it does not fit, and is cut by display columns
 * (CJK counts two) only when it is wider than the pane.
 */
final class TagFlow {
    private TagFlow() {
    }

    /** Some text in one role. */
    record Piece(String text, Role role) {
    }

    /** A piece placed at a column of a line. */
    record Run(int col, String text, Role role) {
    }

    /** The lines (each a list of runs) that {@code units} take in {@code width} columns. */
    static List<List<Run>> lay(List<List<Piece>> units, int width) {
        List<List<Run>> lines = new ArrayList<>();
        if (width <= 0) {
            return lines;
        }
        List<Run> line = new ArrayList<>();
        int col = 0;
        for (List<Piece> unit : units) {
            // The trailing ", " may hang past the edge: only the visible part has to fit.
            int need = DisplayWidth.of(text(unit).stripTrailing());
            if (col > 0 && col + need > width) {
                lines.add(line);
                line = new ArrayList<>();
                col = 0;
            }
            for (Piece p : unit) {
                String rest = p.text();
                while (!rest.isEmpty()) {
                    String head = DisplayWidth.prefix(rest, width - col);
                    if (head.isEmpty()) {
                        if (col == 0) {
                            head = rest.substring(0, Character.charCount(rest.codePointAt(0))); // wider than the pane
                        } else if (rest.isBlank()) {
                            break; // a separator's space at the edge
                        } else {
                            lines.add(line);
                            line = new ArrayList<>();
                            col = 0;
                            continue;
                        }
                    }
                    line.add(new Run(col, head, p.role()));
                    col += DisplayWidth.of(head);
                    rest = rest.substring(head.length());
                }
            }
        }
        if (!line.isEmpty()) {
            lines.add(line);
        }
        return lines;
    }

    private static String text(List<Piece> unit) {
        StringBuilder b = new StringBuilder();
        unit.forEach(p -> b.append(p.text()));
        return b.toString();
    }
}
