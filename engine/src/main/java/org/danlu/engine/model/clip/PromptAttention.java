package org.danlu.engine.model.clip;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The A1111 attention syntax as kohya sd-scripts parses a weighted caption ({@code parse_prompt_attention} in
 * {@code library/strategy_base.py}, itself AUTOMATIC1111's {@code modules/prompt_parser.py}): {@code (x)} multiplies
 * x's weight by 1.1, {@code [x]} divides it by 1.1, {@code (x:1.3)} multiplies it by 1.3; {@code \( \) \[ \] \\} are
 * the literal characters; brackets left open at the end close there; adjacent runs with exactly equal weights merge.
 *
 * <p>Weights are doubles multiplied in kohya's order (innermost bracket first, brackets left open last, in the order
 * they opened), so they equal Python's bit for bit, which matters for the equal-weight merge.
 */
public final class PromptAttention {
    /** One piece of a caption and the weight its tokens get. */
    public record Run(String text, double weight) {}

    /** A caption the syntax cannot read (an explicit weight that is not a number). */
    public static final class SyntaxError extends IllegalArgumentException {
        SyntaxError(String message) {
            super(message);
        }
    }

    /**
     * kohya's {@code _re_attention}, alternative for alternative (Java takes the first matching alternative, as
     * Python does). Python's {@code \d} matches any Unicode decimal digit, hence {@code \p{Nd}}.
     */
    private static final Pattern ATTENTION = Pattern.compile(
            "\\\\\\(|\\\\\\)|\\\\\\[|\\\\]|\\\\\\\\|\\\\|\\(|\\[|:([+-]?[.\\p{Nd}]+)\\)|\\)|]|[^\\\\()\\[\\]:]+|:");

    private static final double ROUND = 1.1;
    private static final double SQUARE = 1 / 1.1;

    private PromptAttention() {}

    /**
     * The caption's runs with their weights; never empty ({@code ""} gives one run {@code ("", 1.0)}).
     *
     * @throws SyntaxError when an explicit weight such as {@code (x:1.2.3)} is not a number (kohya
     *     stops with Python's "could not convert string to float" there)
     */
    public static List<Run> parse(String caption) {
        List<String> texts = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        List<Integer> round = new ArrayList<>(); // start index in the runs of each open "("
        List<Integer> square = new ArrayList<>();
        Matcher m = ATTENTION.matcher(caption);
        while (m.find()) {
            String text = m.group();
            String weight = m.group(1);
            if (text.startsWith("\\")) {
                texts.add(text.substring(1)); // a lone "\" leaves an empty run, as in kohya
                weights.add(1.0);
            } else if (text.equals("(")) {
                round.add(texts.size());
            } else if (text.equals("[")) {
                square.add(texts.size());
            } else if (weight != null && !round.isEmpty()) {
                multiply(weights, round.remove(round.size() - 1), number(weight, caption, m.start()));
            } else if (text.equals(")") && !round.isEmpty()) {
                multiply(weights, round.remove(round.size() - 1), ROUND);
            } else if (text.equals("]") && !square.isEmpty()) {
                multiply(weights, square.remove(square.size() - 1), SQUARE);
            } else {
                texts.add(text);
                weights.add(1.0);
            }
        }
        for (int start : round) {
            multiply(weights, start, ROUND);
        }
        for (int start : square) {
            multiply(weights, start, SQUARE);
        }
        List<Run> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            Run last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.weight() == weights.get(i)) {
                out.set(out.size() - 1, new Run(last.text() + texts.get(i), last.weight()));
            } else {
                out.add(new Run(texts.get(i), weights.get(i)));
            }
        }
        if (out.isEmpty()) {
            out.add(new Run("", 1.0));
        }
        return out;
    }

    private static void multiply(List<Double> weights, int from, double factor) {
        for (int p = from; p < weights.size(); p++) {
            weights.set(p, weights.get(p) * factor);
        }
    }

    /** Python's {@code float()} on the matched digits: any Unicode decimal digit counts as its ASCII value. */
    private static double number(String digits, String caption, int at) {
        StringBuilder ascii = new StringBuilder(digits.length());
        digits.codePoints().forEach(c -> ascii.appendCodePoint(Character.isDigit(c) ? '0' + Character.digit(c, 10) : c));
        try {
            return Double.parseDouble(ascii.toString());
        } catch (NumberFormatException e) {
            throw new SyntaxError("weighted caption \"" + caption + "\": the weight \":" + digits
                    + ")\" at character " + (at + 1) + " is not a number; write e.g. (tag:1.2), or escape the"
                    + " brackets as \\( \\) to keep them as text");
        }
    }
}
