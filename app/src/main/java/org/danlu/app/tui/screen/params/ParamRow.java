package org.danlu.app.tui.screen.params;

import java.util.ArrayList;
import java.util.List;
import org.danlu.engine.config.ConfigGroup;
import org.danlu.engine.config.ConfigKey;
import org.danlu.engine.config.ConfigKeys;

/**
 * One line of the Params list: the "Start training" action, a group heading, or an option. The
 * list is the engine's catalogue in its order, so every option the config layer knows is here.
 */
record ParamRow(Kind kind, ConfigGroup group, ConfigKey key) {
    enum Kind { START, GROUP, KEY }

    boolean selectable() {
        return kind != Kind.GROUP;
    }

    /** Start, then each group's heading followed by its options. */
    static List<ParamRow> all() {
        List<ParamRow> rows = new ArrayList<>();
        rows.add(new ParamRow(Kind.START, null, null));
        ConfigGroup current = null;
        for (ConfigKey k : ConfigKeys.all()) {
            if (k.group() != current) {
                current = k.group();
                rows.add(new ParamRow(Kind.GROUP, current, null));
            }
            rows.add(new ParamRow(Kind.KEY, current, k));
        }
        return rows;
    }
}
