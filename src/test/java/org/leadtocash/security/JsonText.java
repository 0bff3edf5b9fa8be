package org.leadtocash.security;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A JSON object kept as an ordered list of raw entries, so that fuzz cases can write what a serializer never would:
 * duplicate keys, NaN, lone surrogate escapes, deep nesting, odd whitespace.
 */
final class JsonText {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One entry: the key (raw, unescaped) and the value as raw JSON text. */
    record Entry(String key, String raw) {
    }

    final List<Entry> entries = new ArrayList<>();

    static JsonText of(Map<String, Object> values) {
        JsonText t = new JsonText();
        values.forEach((k, v) -> t.entries.add(new Entry(k, raw(v))));
        return t;
    }

    /** A value as JSON text (strings through {@link #string}). */
    static String raw(Object value) {
        if (value instanceof String s) {
            return string(s);
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON string literal; controls and unpaired surrogates escaped as \\uXXXX, everything else as is. */
    static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            boolean pairedLow = Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c) && !pairedHigh && !pairedLow) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    String get(String key) {
        return entries.stream().filter(e -> e.key().equals(key)).map(Entry::raw).findFirst().orElse(null);
    }

    JsonText put(String key, String raw) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).key().equals(key)) {
                entries.set(i, new Entry(key, raw));
                return this;
            }
        }
        entries.add(new Entry(key, raw));
        return this;
    }

    JsonText remove(String key) {
        entries.removeIf(e -> e.key().equals(key));
        return this;
    }

    JsonText add(String key, String raw) {
        entries.add(new Entry(key, raw));
        return this;
    }

    JsonText shuffle(Random rnd) {
        java.util.Collections.shuffle(entries, rnd);
        return this;
    }

    @Override
    public String toString() {
        return text(null);
    }

    /** The object; with a random source, random legal whitespace between the tokens. */
    String text(Random rnd) {
        StringBuilder b = new StringBuilder();
        b.append(ws(rnd)).append('{');
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) {
                b.append(ws(rnd)).append(',');
            }
            Entry e = entries.get(i);
            b.append(ws(rnd)).append(string(e.key())).append(ws(rnd)).append(':').append(ws(rnd)).append(e.raw());
        }
        return b.append(ws(rnd)).append('}').append(ws(rnd)).toString();
    }

    byte[] bytes(Random rnd) {
        return text(rnd).getBytes(StandardCharsets.UTF_8);
    }

    private static String ws(Random rnd) {
        if (rnd == null || rnd.nextInt(4) != 0) {
            return "";
        }
        String[] ws = {" ", "\n", "\t", "\r\n", "  \n\t "};
        return ws[rnd.nextInt(ws.length)];
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] octets(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static String nested(String open, String close, int depth, String inner) {
        return open.repeat(depth) + inner + close.repeat(depth);
    }
}
