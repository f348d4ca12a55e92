package org.danlu.app.tui.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MessagesTest {
    private static Properties bundle(String suffix) throws IOException {
        Properties p = new Properties();
        String path = "/org/danlu/app/tui/i18n/messages" + suffix + ".properties";
        try (InputStream in = MessagesTest.class.getResourceAsStream(path)) {
            assertTrue(in != null, path + " missing");
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void englishAndChineseHaveTheSameKeys() throws IOException {
        assertEquals(new TreeSet<>(bundle("").stringPropertyNames()),
                new TreeSet<>(bundle("_zh_CN").stringPropertyNames()));
    }

    @Test
    void chineseTextsAreTranslatedNotCopied() throws IOException {
        Properties en = bundle("");
        Properties zh = bundle("_zh_CN");
        for (String k : en.stringPropertyNames()) {
            String z = zh.getProperty(k);
            boolean hasHan = z.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
            boolean keyOnly = en.getProperty(k).matches("[\\p{Punct}\\s\\w]{0,3}");
            assertTrue(hasHan || keyOnly, k + " is not translated: " + z);
        }
    }

    @Test
    void languageFromOptionOrLocale() {
        assertEquals("Dataset", Messages.forLang("en").get("screen.dataset"));
        assertEquals("数据集", Messages.forLang("zh").get("screen.dataset"));
        assertEquals("数据集", Messages.forLocale(Locale.TRADITIONAL_CHINESE).get("screen.dataset"));
        assertEquals("Dataset", Messages.forLocale(Locale.GERMAN).get("screen.dataset"));
        assertEquals("It is 60x20; Danlu needs at least 80x24.",
                Messages.forLang("en").get("enlarge.size", 60, 20, 80, 24));
        assertEquals("!no.such.key!", Messages.forLang("en").get("no.such.key"));
        assertThrows(IllegalArgumentException.class, () -> Messages.forLang("fr"));
    }
}
