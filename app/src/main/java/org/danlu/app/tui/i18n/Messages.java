package org.danlu.app.tui.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Every label, hint and help text of the studio, in English and Simplified Chinese, from the
 * {@code org.danlu.app.tui.i18n.messages} resource bundles. Chosen by {@code --lang zh|en} or the
 * locale. A missing key shows as {@code !key!} instead of crashing, and a test checks that both
 * bundles hold the same keys.
 */
public final class Messages {
    public static final String BUNDLE = "org.danlu.app.tui.i18n.messages";

    private final ResourceBundle bundle;
    private final Locale locale;

    private Messages(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** Messages for a locale; any Chinese locale gets zh_CN, anything else English. */
    public static Messages forLocale(Locale locale) {
        return new Messages(isChinese(locale) ? Locale.SIMPLIFIED_CHINESE : Locale.ROOT);
    }

    /**
     * Messages for a {@code --lang} value ({@code zh}, {@code zh_CN}, {@code en}), or for the default
     * locale when it is null or blank. Unknown values are rejected with the accepted ones.
     */
    public static Messages forLang(String lang) {
        if (lang == null || lang.isBlank()) {
            return forLocale(Locale.getDefault());
        }
        String l = lang.toLowerCase(Locale.ROOT).replace('-', '_');
        if (l.equals("zh") || l.equals("zh_cn") || l.equals("cn")) {
            return forLocale(Locale.SIMPLIFIED_CHINESE);
        }
        if (l.equals("en") || l.startsWith("en_")) {
            return forLocale(Locale.ENGLISH);
        }
        throw new IllegalArgumentException("unknown language '" + lang + "'; use --lang en or --lang zh");
    }

    private static boolean isChinese(Locale locale) {
        return locale != null && locale.getLanguage().equals("zh");
    }

    /** The locale the texts are in (ROOT for English); Lanterna's dialogs follow it. */
    public Locale locale() {
        return locale.equals(Locale.ROOT) ? Locale.ENGLISH : locale;
    }

    /** The text for {@code key}, with {@code {0}}-style arguments filled in. */
    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale()).format(args);
    }
}
