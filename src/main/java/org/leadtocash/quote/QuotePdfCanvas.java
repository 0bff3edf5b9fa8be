package org.leadtocash.quote;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.util.Matrix;

/**
 * Pages of one quote PDF: A4 pages with watermark and running header, a cursor that moves down the page, text in the
 * embedded CJK font (characters the font lacks print as "?"), wrapping, and the page numbers added at the end.
 */
final class QuotePdfCanvas {
    static final PDRectangle PAGE = PDRectangle.A4;
    static final float LEFT = 48;
    static final float RIGHT = PAGE.getWidth() - 48;
    static final float TOP = PAGE.getHeight() - 44;
    static final float BOTTOM = 62;
    static final float WIDTH = RIGHT - LEFT;

    static final Color INK = new Color(0x22, 0x26, 0x2E);
    static final Color MUTED = new Color(0x6B, 0x72, 0x80);
    static final Color BRAND = new Color(0x1E, 0x5A, 0xA8);
    static final Color RULE = new Color(0xC9, 0xCF, 0xD8);
    static final Color SHADE = new Color(0xE8, 0xF0, 0xFA);
    static final Color LOCKED = new Color(0xB0, 0x1E, 0x2A);
    private static final Color WATERMARK = new Color(0x1E, 0x5A, 0xA8);

    /** Draws what every page carries above the watermark, e.g. the continuation header; returns the y to start at. */
    interface PageStart {
        float draw(QuotePdfCanvas canvas, int pageIndex) throws IOException;
    }

    private final PDDocument document;
    private final PDType0Font font;
    private final TrueTypeFont ttf;
    private final Map<Integer, Float> widths = new HashMap<>();
    private final List<String> watermark;
    private final PageStart pageStart;
    private PDPageContentStream content;
    private float y;

    QuotePdfCanvas(PDDocument document, TrueTypeFont ttf, List<String> watermark, PageStart pageStart) throws IOException {
        this.document = document;
        this.ttf = ttf;
        this.font = PDType0Font.load(document, ttf, true);
        this.watermark = watermark;
        this.pageStart = pageStart;
    }

    PDType0Font font() {
        return font;
    }

    float y() {
        return y;
    }

    void moveDown(float dy) {
        y -= dy;
    }

    /** Starts a new page when less than height is left above the bottom margin. */
    void ensure(float height) throws IOException {
        if (content == null || y - height < BOTTOM) {
            newPage();
        }
    }

    void newPage() throws IOException {
        if (content != null) {
            content.close();
        }
        PDPage page = new PDPage(PAGE);
        document.addPage(page);
        content = new PDPageContentStream(document, page);
        drawWatermark();
        y = pageStart.draw(this, document.getNumberOfPages() - 1);
    }

    PDPageContentStream content() {
        return content;
    }

    /** One line of text as the font can print it: no control characters, "?" for what it has no glyph for. */
    String printable(String text) {
        return printable(text, false);
    }

    /** Like {@link #printable(String)} but keeps line breaks (as "\n") for {@link #wrap}. */
    String printableParagraphs(String text) {
        return printable(text, true);
    }

    private String printable(String text, boolean keepNewlines) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.replace("\r\n", "\n").codePoints().forEach(cp -> {
            if (cp == '\n' || cp == '\r' || cp == '\u2028' || cp == '\u2029') {
                out.append(keepNewlines ? '\n' : ' ');
            } else if (cp == '\t' || Character.isSpaceChar(cp) && cp != '\u3000') {
                out.append(' ');
            } else if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                // dropped
            } else if (hasGlyph(cp)) {
                out.appendCodePoint(cp);
            } else {
                out.append('?');
            }
        });
        return out.toString();
    }

    private boolean hasGlyph(int cp) {
        try {
            return ttf.getUnicodeCmapLookup().getGlyphId(cp) != 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Width of one code point at size 1. */
    float width(int cp) {
        return widths.computeIfAbsent(cp, c -> {
            try {
                return font.getStringWidth(new String(Character.toChars(c))) / 1000f;
            } catch (IOException | IllegalArgumentException e) {
                return 0.5f;
            }
        });
    }

    float width(String text, float size) {
        float w = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            w += width(cp);
            i += Character.charCount(cp);
        }
        return w * size;
    }

    /** Wraps text (already printable) at newlines and at maxWidth. */
    List<String> wrap(String text, float size, float maxWidth) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\r?\n", -1)) {
            lines.addAll(QuotePdfLineBreaker.wrap(paragraph, maxWidth, cp -> width(cp) * size));
        }
        return lines;
    }

    void text(String text, float x, float baseline, float size, Color color) throws IOException {
        text(text, x, baseline, size, color, false);
    }

    void text(String text, float x, float baseline, float size, Color color, boolean bold) throws IOException {
        if (text.isEmpty()) {
            return;
        }
        content.beginText();
        content.setFont(font, size);
        content.setNonStrokingColor(color);
        if (bold) {
            // the CJK face has one weight: fill and stroke the outlines for headings
            content.setStrokingColor(color);
            content.setLineWidth(size * 0.035f);
            content.setRenderingMode(RenderingMode.FILL_STROKE);
        }
        content.newLineAtOffset(x, baseline);
        content.showText(text);
        if (bold) {
            content.setRenderingMode(RenderingMode.FILL);
        }
        content.endText();
    }

    void textRight(String text, float right, float baseline, float size, Color color, boolean bold) throws IOException {
        text(text, right - width(text, size), baseline, size, color, bold);
    }

    void textCentered(String text, float centre, float baseline, float size, Color color) throws IOException {
        text(text, centre - width(text, size) / 2, baseline, size, color, false);
    }

    void line(float x1, float y1, float x2, float y2, float width, Color color) throws IOException {
        content.setStrokingColor(color);
        content.setLineWidth(width);
        content.moveTo(x1, y1);
        content.lineTo(x2, y2);
        content.stroke();
    }

    void fill(float x, float yBottom, float w, float h, Color color) throws IOException {
        content.setNonStrokingColor(color);
        content.addRect(x, yBottom, w, h);
        content.fill();
    }

    void image(PDImageXObject image, float x, float yBottom, float w, float h) throws IOException {
        content.drawImage(image, x, yBottom, w, h);
    }

    private void drawWatermark() throws IOException {
        PDExtendedGraphicsState faint = new PDExtendedGraphicsState();
        faint.setNonStrokingAlphaConstant(0.07f);
        content.saveGraphicsState();
        content.setGraphicsStateParameters(faint);
        float cx = PAGE.getWidth() / 2;
        float cy = PAGE.getHeight() / 2;
        double angle = Math.toRadians(35);
        float[] sizes = {50, 30};
        float[] offsets = {14, -32};
        for (int i = 0; i < watermark.size() && i < sizes.length; i++) {
            String text = printable(watermark.get(i));
            float size = sizes[i];
            float w = width(text, size);
            // rotate about the page centre, then centre the line on it
            Matrix m = Matrix.getRotateInstance(angle, cx, cy);
            m.translate(-w / 2, offsets[i]);
            content.beginText();
            content.setFont(font, size);
            content.setNonStrokingColor(WATERMARK);
            content.setTextMatrix(m);
            content.showText(text);
            content.endText();
        }
        content.restoreGraphicsState();
    }

    /** Closes the last page and writes "第 n / N 页" and the footer texts on every page. */
    void finish(String footerLeft, String footerRight) throws IOException {
        if (content != null) {
            content.close();
            content = null;
        }
        int total = document.getNumberOfPages();
        for (int i = 0; i < total; i++) {
            PDPage page = document.getPage(i);
            try (PDPageContentStream footer = new PDPageContentStream(document, page, AppendMode.APPEND, true, true)) {
                content = footer;
                float base = 36;
                line(LEFT, base + 12, RIGHT, base + 12, 0.5f, RULE);
                text(footerLeft, LEFT, base, 7.5f, MUTED);
                textCentered("第 " + (i + 1) + " / " + total + " 页", PAGE.getWidth() / 2, base, 8.5f, INK);
                textRight(footerRight, RIGHT, base, 7.5f, MUTED, false);
            } finally {
                content = null;
            }
        }
    }
}
