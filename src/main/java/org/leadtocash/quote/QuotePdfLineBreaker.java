package org.leadtocash.quote;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Breaks one paragraph of mixed Chinese/Latin text into lines no wider than a limit, by measured character widths.
 * A line may break between any two CJK characters and at spaces, never inside a Latin word or number unless the word
 * alone is wider than the line; closing punctuation (，。）】 …) never starts a line and opening punctuation (（【“ …)
 * never ends one (it moves with its neighbour).
 */
final class QuotePdfLineBreaker {
    private static final String NO_LINE_START = "，。、；：？！）》」』】〕〉…—‰％,.;:!?)]}>%’”·";
    private static final String NO_LINE_END = "（《「『【〔〈“‘([{<¥$";

    private QuotePdfLineBreaker() {}

    /**
     * @param width width of one code point in the same unit as maxWidth
     * @return the lines, without trailing spaces; one empty line for an empty paragraph
     */
    static List<String> wrap(String paragraph, double maxWidth, IntToDoubleFunction width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        double lineWidth = 0;
        for (String segment : segments(paragraph)) {
            String visible = stripTrailingSpaces(segment);
            double visibleWidth = width(visible, width);
            double segmentWidth = visibleWidth + width(segment.substring(visible.length()), width);
            if (line.length() > 0 && lineWidth + visibleWidth > maxWidth) {
                lines.add(stripTrailingSpaces(line.toString()));
                line.setLength(0);
                lineWidth = 0;
            }
            if (line.length() == 0 && visibleWidth > maxWidth) {
                // a word longer than the line: split it by characters
                int i = 0;
                while (i < visible.length()) {
                    int cp = visible.codePointAt(i);
                    double w = width.applyAsDouble(cp);
                    if (line.length() > 0 && lineWidth + w > maxWidth) {
                        lines.add(line.toString());
                        line.setLength(0);
                        lineWidth = 0;
                    }
                    line.appendCodePoint(cp);
                    lineWidth += w;
                    i += Character.charCount(cp);
                }
                String spaces = segment.substring(visible.length());
                line.append(spaces);
                lineWidth += width(spaces, width);
                continue;
            }
            line.append(segment);
            lineWidth += segmentWidth;
        }
        lines.add(stripTrailingSpaces(line.toString()));
        return lines;
    }

    /** Unbreakable pieces, each with its trailing spaces. */
    static List<String> segments(String text) {
        List<String> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean currentIsWord = false;
        boolean glueNext = false;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            String ch = new String(Character.toChars(cp));
            if (cp == ' ') {
                current.append(' ');
                currentIsWord = false;
                glueNext = false;
                continue;
            }
            boolean endsWithSpace = current.length() > 0 && current.charAt(current.length() - 1) == ' ';
            if (NO_LINE_START.contains(ch) && current.length() > 0 && !endsWithSpace) {
                current.append(ch);
                currentIsWord = currentIsWord && !isWide(cp); // "12.50", "VAT," stay one word
                continue;
            }
            boolean wide = isWide(cp);
            boolean continuesWord = !wide && currentIsWord && !endsWithSpace;
            if (current.length() > 0 && !glueNext && !continuesWord) {
                segments.add(current.toString());
                current.setLength(0);
            }
            current.append(ch);
            glueNext = NO_LINE_END.contains(ch);
            currentIsWord = !wide && !glueNext;
        }
        if (current.length() > 0) {
            segments.add(current.toString());
        }
        return segments;
    }

    /** CJK ideographs, kana, hangul, CJK and full-width punctuation: each may stand alone on a line edge. */
    static boolean isWide(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL
                || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x2E80 && cp <= 0x2FFF)
                || cp == 0x2014 || cp == 0x2026 || cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019;
    }

    private static double width(String s, IntToDoubleFunction width) {
        double w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += width.applyAsDouble(cp);
            i += Character.charCount(cp);
        }
        return w;
    }

    private static String stripTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }
}
