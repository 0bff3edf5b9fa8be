package org.leadtocash.quote;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * Finds the CJK TrueType font the quote PDF embeds (a subset per document, so the PDF shows and extracts Chinese on any
 * machine). Source: Debian/Ubuntu package {@value #APT_PACKAGE} (WenQuanYi Micro Hei, Apache-2.0 or GPL-3+ with font
 * exception; TrueType glyf outlines, Latin and CJK in one face). Another font can be configured with
 * {@code leadtocash.quote.pdf-font} (a .ttf or .ttc with TrueType outlines; OpenType/CFF fonts such as Noto CJK .otc
 * cannot be subset by PDFBox). The file is parsed once and kept in memory (about 5 MB).
 */
final class QuotePdfFonts {
    static final String APT_PACKAGE = "fonts-wqy-microhei";
    static final String PROPERTY = "leadtocash.quote.pdf-font";
    static final List<Path> DEFAULT_LOCATIONS = List.of(
            Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
            Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"));

    private final Path path;
    private final String problem;
    private TrueTypeFont font;

    private QuotePdfFonts(Path path, String problem) {
        this.path = path;
        this.problem = problem;
    }

    /** @param configured the configured font file, or blank to look in {@link #DEFAULT_LOCATIONS} */
    static QuotePdfFonts locate(String configured) {
        return locate(configured, DEFAULT_LOCATIONS);
    }

    static QuotePdfFonts locate(String configured, List<Path> defaults) {
        boolean useDefaults = configured == null || configured.isBlank();
        List<Path> candidates = useDefaults ? defaults : List.of(Path.of(configured.trim()));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate) && Files.isReadable(candidate)) {
                return new QuotePdfFonts(candidate, null);
            }
        }
        String problem = useDefaults
                ? "quote PDF: no CJK font found (tried " + defaults + "); install the package " + APT_PACKAGE
                        + " (apt-get install " + APT_PACKAGE + ") or set " + PROPERTY + " to a TrueType .ttf/.ttc file"
                : "quote PDF: " + PROPERTY + " = " + configured.trim() + " is not a readable file";
        return new QuotePdfFonts(null, problem);
    }

    /** @return null when the font is there, else what is missing and how to fix it */
    String problem() {
        return problem;
    }

    Path path() {
        return path;
    }

    /**
     * Runs work with the parsed font, one caller at a time: the font is parsed once (about 0.5 s) and reused, and
     * PDFBox reads glyphs from it lazily, also while saving the subset, which is not safe from two threads at once.
     */
    synchronized <T> T withFont(FontWork<T> work) throws IOException {
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
        if (font == null) {
            font = parse();
        }
        return work.apply(font);
    }

    interface FontWork<T> {
        T apply(TrueTypeFont font) throws IOException;
    }

    private TrueTypeFont parse() {
        try {
            byte[] data = Files.readAllBytes(path);
            if (isCollection(data)) {
                TrueTypeCollection collection = new TrueTypeCollection(new ByteArrayInputStream(data));
                List<TrueTypeFont> fonts = new ArrayList<>();
                collection.processAllFonts(fonts::add);
                if (fonts.isEmpty()) {
                    throw new IllegalStateException("quote PDF: font collection " + path + " holds no font");
                }
                return checked(fonts.get(0));
            }
            return checked(new TTFParser().parse(new RandomAccessReadBuffer(data)));
        } catch (IOException e) {
            throw new UncheckedIOException("quote PDF: cannot read font " + path, e);
        }
    }

    private TrueTypeFont checked(TrueTypeFont font) throws IOException {
        if (font.getGlyph() == null) {
            throw new IllegalStateException("quote PDF: font " + path + " has no TrueType (glyf) outlines; PDFBox cannot "
                    + "subset OpenType/CFF fonts. Install " + APT_PACKAGE + " or configure another .ttf/.ttc in " + PROPERTY);
        }
        if (font.getUnicodeCmapLookup().getGlyphId('报') == 0) {
            throw new IllegalStateException("quote PDF: font " + path + " has no Chinese glyphs; install " + APT_PACKAGE);
        }
        return font;
    }

    private static boolean isCollection(byte[] data) {
        return data.length > 4 && data[0] == 't' && data[1] == 't' && data[2] == 'c' && data[3] == 'f';
    }
}
