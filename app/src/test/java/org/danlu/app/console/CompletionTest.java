package org.danlu.app.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tab completion in the studio's prompts, worked by hand on a small tag list (most frequent first). */
class CompletionTest {
    private static final List<String> TAGS = List.of("shs dog", "grass", "green eyes", "long hair", "smile");

    @Test
    void theFirstWordIsACommandThenOptionsAndTagsQuotedWhenTheyHaveSpaces() {
        assertEquals("replace ", Completion.commandLine("rep", TAGS), "unique: completed with a space");
        assertEquals("re", Completion.commandLine("re", TAGS), "replace, remove, redo, restore share only 're'");
        assertEquals("replace gr", Completion.commandLine("replace g", TAGS), "grass and green eyes share 'gr'");
        assertEquals("replace grass ", Completion.commandLine("replace gra", TAGS));
        assertEquals("replace \"long hair\" ", Completion.commandLine("replace lo", TAGS));
        assertEquals("replace \"long hair\" ", Completion.commandLine("replace \"lo", TAGS), "an open quote too");
        assertEquals("add x --front ", Completion.commandLine("add x --fr", TAGS));
        assertEquals("add zzz", Completion.commandLine("add zzz", TAGS), "nothing matches: unchanged");
    }

    @Test
    void theFilterCompletesKeywordsAndTagsWrittenWithUnderscores() {
        assertEquals("nocaption ", Completion.filter("n", TAGS));
        assertEquals("lint tag:", Completion.filter("lint ta", TAGS), "tag: and -tag: differ; 'ta' is only tag:");
        assertEquals("tag:long_hair ", Completion.filter("tag:lo", TAGS));
        assertEquals("-tag:shs_dog ", Completion.filter("-tag:sh", TAGS));
        assertEquals("tag:gr", Completion.filter("tag:g", TAGS), "grass and green_eyes share 'gr'");
    }

    @Test
    void aTagPromptCompletesTheWholeTextAndListsTheMatches() {
        assertEquals("long hair", Completion.tag("lo", TAGS));
        assertEquals("Gr", Completion.tag("Gr", TAGS), "case-insensitive; the common start 'gr' is no longer than typed");
        assertEquals("smile", Completion.tag("SMI", TAGS));
        assertEquals(List.of("grass", "green eyes"), Completion.matches("g", TAGS, 3));
        assertEquals(List.of(), Completion.matches("", TAGS, 3), "nothing typed, nothing listed");
        assertEquals(List.of(), Completion.matches("smile", TAGS, 3), "the tag itself is not offered again");
    }
}
