package org.danlu.engine.model.clip;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * CLIP's tokenizer as kohya sd-scripts calls it ({@code tokenizer(caption, padding="max_length", truncation=True,
 * max_length=…)}), on DJL's HuggingFace tokenizers reading a {@code tokenizer.json}. The BPE itself is the native
 * tokenizers library's; BOS/EOS, truncation, padding and 75-token windows are done here, so they do not depend on
 * whatever padding/truncation settings a tokenizer.json happens to carry.
 *
 * <p>Padding differs by model: SD 1.x's tokenizer pads with {@code <|endoftext|>} (= EOS), SD 2.x's with
 * {@code !} (id 0). The pad token comes from a {@code special_tokens_map.json} or {@code tokenizer_config.json}
 * beside the tokenizer.json when one names it, else from the caller's default.
 */
public final class ClipTokenizer implements AutoCloseable {
    public static final String BOS_TOKEN = "<|startoftext|>";
    public static final String EOS_TOKEN = "<|endoftext|>";
    /** SD 1.x: pad with EOS. */
    public static final String SD1_PAD = EOS_TOKEN;
    /** SD 2.x (OpenCLIP): pad with "!", id 0 in the CLIP vocabulary. */
    public static final String SD2_PAD = "!";

    private final Path source;
    private final HuggingFaceTokenizer tokenizer;
    private final long bos;
    private final long eos;
    private final long pad;

    private ClipTokenizer(Path source, HuggingFaceTokenizer tokenizer, long bos, long eos, long pad) {
        this.source = source;
        this.tokenizer = tokenizer;
        this.bos = bos;
        this.eos = eos;
        this.pad = pad;
    }

    /**
     * Opens a CLIP {@code tokenizer.json}.
     *
     * @param defaultPadToken {@link #SD1_PAD} or {@link #SD2_PAD}; a pad token named in a special_tokens_map.json or
     *     tokenizer_config.json beside the file wins
     */
    public static ClipTokenizer open(Path tokenizerJson, String defaultPadToken) throws IOException {
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new IOException(tokenizerJson + ": no such tokenizer.json");
        }
        JsonObject root = readObject(tokenizerJson);
        Map<String, Long> vocab = Vocab.read(root, tokenizerJson);
        long bos = Vocab.id(vocab, BOS_TOKEN, tokenizerJson);
        long eos = Vocab.id(vocab, EOS_TOKEN, tokenizerJson);
        String padToken = padTokenBeside(tokenizerJson.getParent(), defaultPadToken);
        long pad = Vocab.id(vocab, padToken, tokenizerJson);
        // Specials, truncation and padding are ours (see the class comment); the native side only runs the BPE.
        HuggingFaceTokenizer hf = HuggingFaceTokenizer.newInstance(tokenizerJson,
                Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
        return new ClipTokenizer(tokenizerJson, hf, bos, eos, pad);
    }

    public Path source() {
        return source;
    }

    public long bos() {
        return bos;
    }

    public long eos() {
        return eos;
    }

    public long pad() {
        return pad;
    }

    /** The caption's BPE token ids, without BOS/EOS, untruncated. */
    public long[] tokens(String caption) {
        Encoding e = tokenizer.encode(caption, false, false);
        return e.getIds();
    }

    /**
     * Where each of {@link #tokens}'s tokens starts in the caption, as an index into the Java string: the studio
     * uses it to mark the tags that fall past a 75-token window. The native library counts Unicode code points;
     * they are turned into string indices here, so a character outside the BMP (two Java chars) shifts nothing.
     */
    public int[] tokenStarts(String caption) {
        CharSpan[] spans = tokenizer.encode(caption, false, false).getCharTokenSpans();
        int[] out = new int[spans.length];
        int last = 0;
        for (int i = 0; i < spans.length; i++) {
            // A token with no span (none with specials off, but the API allows it) shares its neighbour's start.
            int cp = spans[i] == null ? last : Math.min(spans[i].getStart(), caption.codePointCount(0, caption.length()));
            out[i] = caption.offsetByCodePoints(0, cp);
            last = cp;
        }
        return out;
    }

    /**
     * {@code tokenizer(caption, padding="max_length", truncation=True, max_length=length).input_ids}: BOS, at most
     * {@code length − 2} tokens, EOS, then padding to {@code length}.
     */
    public long[] encode(String caption, int length) {
        if (length < 2) {
            throw new IllegalArgumentException("length " + length + " leaves no room for BOS and EOS");
        }
        return TokenWindows.pad(tokens(caption), length, bos, eos, pad);
    }

    /**
     * kohya's {@code get_input_ids}: n windows of 77 ids for {@code max_token_length} null/75 (n = 1), 150 (2) or
     * 225 (3); tokens past n·75 are dropped.
     */
    public long[][] windows(String caption, Integer maxTokenLength) {
        int n = TokenWindows.count(maxTokenLength);
        return TokenWindows.split(encode(caption, n * TokenWindows.TOKENS_PER_WINDOW + 2), eos, pad);
    }

    /**
     * kohya's weighted tokenization ({@code _get_weighted_input_ids} with {@code get_prompts_with_weights}, then
     * {@code _get_input_ids}' windows): the caption is cut into {@link PromptAttention} runs, each run tokenized on
     * its own (no BOS/EOS) with its weight copied to each of its tokens, the whole cut to n·75 tokens, padded as
     * {@link #encode} pads (weight 1.0 on BOS, EOS and padding) and split into the same windows as {@link #windows}.
     * A caption without attention syntax gives exactly {@link #windows}' ids and all weights 1.0.
     */
    public WeightedWindows weightedWindows(String caption, Integer maxTokenLength) {
        int n = TokenWindows.count(maxTokenLength);
        int max = n * TokenWindows.TOKENS_PER_WINDOW;
        long[] tokens = new long[max];
        float[] weights = new float[max];
        int size = 0;
        for (PromptAttention.Run run : PromptAttention.parse(caption)) {
            long[] ids = tokens(run.text());
            int kept = Math.min(ids.length, max - size);
            System.arraycopy(ids, 0, tokens, size, kept);
            Arrays.fill(weights, size, size + kept, (float) run.weight()); // torch.tensor(weights): float32
            size += kept;
            if (size == max) {
                break; // kohya tokenizes no further once the limit is passed, and truncates
            }
        }
        long[] ids = TokenWindows.pad(Arrays.copyOf(tokens, size), max + 2, bos, eos, pad);
        float[] w = TokenWindows.padWeights(Arrays.copyOf(weights, size), max + 2);
        return new WeightedWindows(TokenWindows.split(ids, eos, pad), TokenWindows.splitWeights(w));
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    /** The pad token a special_tokens_map.json / tokenizer_config.json in {@code dir} names, else the default. */
    static String padTokenBeside(Path dir, String dflt) throws IOException {
        if (dir == null) {
            return dflt;
        }
        for (String name : new String[] {"special_tokens_map.json", "tokenizer_config.json"}) {
            Path f = dir.resolve(name);
            if (Files.isRegularFile(f)) {
                JsonElement p = readObject(f).get("pad_token");
                if (p != null && p.isJsonPrimitive()) {
                    return p.getAsString();
                }
                if (p != null && p.isJsonObject() && p.getAsJsonObject().has("content")) {
                    return p.getAsJsonObject().get("content").getAsString(); // AddedToken form
                }
            }
        }
        return dflt;
    }

    static JsonObject readObject(Path file) throws IOException {
        try {
            JsonElement e = JsonParser.parseString(Files.readString(file));
            if (!e.isJsonObject()) {
                throw new IOException(file + ": expected a JSON object");
            }
            return e.getAsJsonObject();
        } catch (JsonParseException e) {
            // Gson wraps the parser's words ("Expected ':' at line 1 column 8") in its exception's class name
            // and a troubleshooting link: the user gets the words.
            String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
            throw new IOException(file + ": not valid JSON: " + why.lines().findFirst().orElse(why), e);
        }
    }

    /** Token → id from a tokenizer.json's BPE vocabulary and added tokens. */
    static final class Vocab {
        private Vocab() {}

        static Map<String, Long> read(JsonObject root, Path file) throws IOException {
            JsonElement model = root.get("model");
            if (model == null || !model.isJsonObject() || !model.getAsJsonObject().has("vocab")
                    || !model.getAsJsonObject().get("vocab").isJsonObject()) {
                throw new IOException(file + ": no model.vocab object; is this a HuggingFace tokenizers tokenizer.json?");
            }
            String type = model.getAsJsonObject().has("type") ? model.getAsJsonObject().get("type").getAsString() : "?";
            if (!type.equals("BPE")) {
                throw new IOException(file + ": model.type is " + type + "; a CLIP tokenizer is BPE");
            }
            Map<String, Long> out = new java.util.HashMap<>();
            for (Map.Entry<String, JsonElement> e : model.getAsJsonObject().getAsJsonObject("vocab").entrySet()) {
                out.put(e.getKey(), e.getValue().getAsLong());
            }
            JsonElement added = root.get("added_tokens");
            if (added != null && added.isJsonArray()) {
                for (JsonElement t : added.getAsJsonArray()) {
                    JsonObject o = t.getAsJsonObject();
                    out.put(o.get("content").getAsString(), o.get("id").getAsLong());
                }
            }
            return out;
        }

        static long id(Map<String, Long> vocab, String token, Path file) throws IOException {
            Long id = vocab.get(token);
            if (id == null) {
                throw new IOException(file + ": token '" + token + "' is not in the vocabulary; is this a CLIP tokenizer?");
            }
            return id;
        }
    }
}
