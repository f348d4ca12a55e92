package org.danlu.app.tui.keys;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.Locale;
import java.util.Map;

/**
 * One key as written in bindings and shown to the user: a character ({@code "q"}, {@code "?"},
 * {@code "1"}), a named key ({@code "Tab"}, {@code "Enter"}, {@code "Up"}, {@code "PgDn"},
 * {@code "F2"}) or {@code "Ctrl-R"}. Every action also gets a plain key, because terminals and tmux
 * drop many modifier combinations.
 *
 * @param type the Lanterna key type
 * @param ch the character for {@link KeyType#Character}, else 0
 * @param ctrl whether Ctrl is held
 * @param label how the key is shown in the status bar and help
 */
public record KeySpec(KeyType type, char ch, boolean ctrl, String label) {
    private static final Map<String, KeyType> NAMED = Map.ofEntries(
            Map.entry("tab", KeyType.Tab), Map.entry("s-tab", KeyType.ReverseTab),
            Map.entry("enter", KeyType.Enter), Map.entry("esc", KeyType.Escape),
            Map.entry("up", KeyType.ArrowUp), Map.entry("down", KeyType.ArrowDown),
            Map.entry("left", KeyType.ArrowLeft), Map.entry("right", KeyType.ArrowRight),
            Map.entry("pgup", KeyType.PageUp), Map.entry("pgdn", KeyType.PageDown),
            Map.entry("home", KeyType.Home), Map.entry("end", KeyType.End),
            Map.entry("del", KeyType.Delete), Map.entry("bs", KeyType.Backspace),
            Map.entry("f1", KeyType.F1), Map.entry("f2", KeyType.F2), Map.entry("f5", KeyType.F5));

    /** Parses the binding notation described on the class. */
    public static KeySpec parse(String text) {
        if (text.length() == 1) {
            return new KeySpec(KeyType.Character, text.charAt(0), false, text);
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("space")) {
            return new KeySpec(KeyType.Character, ' ', false, text);
        }
        if (lower.startsWith("ctrl-") && text.length() == 6) {
            return new KeySpec(KeyType.Character, Character.toLowerCase(text.charAt(5)), true, text);
        }
        KeyType t = NAMED.get(lower);
        if (t == null) {
            throw new IllegalArgumentException("unknown key '" + text + "'");
        }
        return new KeySpec(t, '\0', false, text);
    }

    /** Whether a key press is this key. */
    public boolean matches(KeyStroke k) {
        if (k.getKeyType() != type) {
            return false;
        }
        if (type != KeyType.Character) {
            return true;
        }
        return k.isCtrlDown() == ctrl && !k.isAltDown()
                && (ctrl ? Character.toLowerCase(k.getCharacter()) == ch : k.getCharacter() == ch);
    }
}
