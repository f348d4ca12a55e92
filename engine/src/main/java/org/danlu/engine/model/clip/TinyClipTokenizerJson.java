package org.danlu.engine.model.clip;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A tokenizer.json shaped exactly like openai/clip-vit-large-patch14's (same normalizer, pre-tokenizer, BPE model
 * with "</w>" word ends, RoBERTa post-processor) but with a vocabulary that fits tiny-sd's 1000 ids:
 * <ul>
 *   <li>ids 0..93: the printable ASCII characters '!'..'~' (id = char − 33; "!" = 0 as in the real vocabulary),
 *   <li>ids 94..187: the same characters ending a word ("x&lt;/w&gt;", id = 94 + char − 33),
 *   <li>merges, in rank order: "h e"→he 188, "l l"→ll 189, "he ll"→hell 190, "hell o&lt;/w&gt;"→hello&lt;/w&gt; 191,
 *       "c a"→ca 192, "ca t&lt;/w&gt;"→cat&lt;/w&gt; 193,
 *   <li>BOS {@code <|startoftext|>} 998, EOS {@code <|endoftext|>} 999 (tiny-sd's bos/eos ids).
 * </ul>
 * Used by tests and by {@code danlu demo}, whose tiny model has this vocabulary (a real SD tokenizer would
 * produce ids past its 1000-entry embedding).
 */
public final class TinyClipTokenizerJson {
    public static final long BOS = 998;
    public static final long EOS = 999;

    private TinyClipTokenizerJson() {}

    /** Word-final id of an ASCII character (e.g. "g" ending "dog"). */
    public static long end(char c) {
        return 94 + c - 33;
    }

    /** Mid-word id of an ASCII character. */
    public static long mid(char c) {
        return c - 33;
    }

    /** Writes {@code dir/tokenizer.json} and returns its path. */
    public static Path write(Path dir) throws IOException {
        JsonObject vocab = new JsonObject();
        for (char c = 33; c <= 126; c++) {
            vocab.addProperty(String.valueOf(c), mid(c));
            vocab.addProperty(c + "</w>", end(c));
        }
        String[][] merges = {{"h", "e"}, {"l", "l"}, {"he", "ll"}, {"hell", "o</w>"}, {"c", "a"}, {"ca", "t</w>"}};
        JsonArray mergeList = new JsonArray();
        long next = 188;
        for (String[] m : merges) {
            mergeList.add(m[0] + " " + m[1]);
            vocab.addProperty(m[0] + m[1], next++);
        }
        vocab.addProperty("<|startoftext|>", BOS);
        vocab.addProperty("<|endoftext|>", EOS);

        // The pipeline below is the real CLIP tokenizer.json's, verbatim in structure.
        JsonObject root = JsonParser.parseString("""
                {
                  "version": "1.0",
                  "truncation": null,
                  "padding": null,
                  "added_tokens": [
                    {"id": 998, "content": "<|startoftext|>", "single_word": false, "lstrip": false, "rstrip": false,
                     "normalized": true, "special": true},
                    {"id": 999, "content": "<|endoftext|>", "single_word": false, "lstrip": false, "rstrip": false,
                     "normalized": true, "special": true}
                  ],
                  "normalizer": {"type": "Sequence", "normalizers": [
                    {"type": "NFC"},
                    {"type": "Replace", "pattern": {"Regex": "\\\\s+"}, "content": " "},
                    {"type": "Lowercase"}]},
                  "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
                    {"type": "Split", "pattern": {"Regex":
                      "<\\\\|startoftext\\\\|>|<\\\\|endoftext\\\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\\\p{L}]+|[\\\\p{N}]|[^\\\\s\\\\p{L}\\\\p{N}]+"},
                     "behavior": "Removed", "invert": true},
                    {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": false}]},
                  "post_processor": {"type": "RobertaProcessing", "sep": ["<|endoftext|>", 999],
                    "cls": ["<|startoftext|>", 998], "trim_offsets": false, "add_prefix_space": false},
                  "decoder": {"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": true, "use_regex": true},
                  "model": {"type": "BPE", "dropout": null, "unk_token": "<|endoftext|>",
                    "continuing_subword_prefix": "", "end_of_word_suffix": "</w>", "fuse_unk": false,
                    "byte_fallback": false}
                }
                """).getAsJsonObject();
        root.getAsJsonObject("model").add("vocab", vocab);
        root.getAsJsonObject("model").add("merges", mergeList);
        Files.createDirectories(dir);
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(root));
        return file;
    }
}
