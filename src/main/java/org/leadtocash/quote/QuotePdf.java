package org.leadtocash.quote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Renders a quote as an A4 PDF in Chinese (R-30): letterhead with the company profile's logo (when set), seller name,
 * taxpayer id, address and phone; a diagonal watermark on every page — the profile's watermark text (when set) above
 * "报价单 QUOTATION" and the quote id; customer block, product lines, net/VAT/total in CNY, then every clause
 * in full (locked ones marked 【锁定 locked】), the seller's bank and account by the totals, long texts flowing onto further pages, "第 n / N 页" at the foot.
 * The CJK font is embedded as a subset, so the text shows and extracts (copy, search, PDFTextStripper) on any machine;
 * where the font comes from: {@link QuotePdfFonts}. Same document in, same bytes out.
 */
@Service
class QuotePdf {
    private static final Logger log = LoggerFactory.getLogger(QuotePdf.class);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final Pattern CJK_THEN_LATIN = Pattern.compile("^([^A-Za-z]*[\\p{IsHan}）)][^A-Za-z]*?)\\s+([A-Za-z].*)$");
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final QuotePdfFonts fonts;

    /** With the default font locations (tests, tools). */
    public QuotePdf() {
        this("");
    }

    /** @param configuredFont a .ttf/.ttc file with TrueType outlines, or blank for the {@value QuotePdfFonts#APT_PACKAGE} font */
    @Autowired
    public QuotePdf(@Value("${" + QuotePdfFonts.PROPERTY + ":}") String configuredFont) {
        this.fonts = QuotePdfFonts.locate(configuredFont);
        if (fonts.problem() != null) {
            log.error("{} — quote PDFs cannot be rendered until this is fixed", fonts.problem());
        } else {
            log.info("quote PDF font: {}", fonts.path());
        }
    }

    /**
     * @return the PDF
     * @throws IllegalStateException when no usable CJK font is installed (the message says which package)
     */
    public byte[] render(QuoteDocument doc) {
        try {
            return fonts.withFont(font -> render(doc, font));
        } catch (IOException e) {
            throw new UncheckedIOException("quote PDF for " + doc.quoteId() + " could not be written", e);
        }
    }

    private byte[] render(QuoteDocument doc, TrueTypeFont font) throws IOException {
        try (PDDocument pdf = new PDDocument()) {
            info(pdf, doc);
            byte[] logo = doc.seller().logo();
            PDImageXObject logoImage = logo == null || logo.length == 0 ? null
                    : PDImageXObject.createFromByteArray(pdf, logo, "logo");
            String ownWatermark = doc.seller().watermark();
            List<String> watermark = ownWatermark == null || ownWatermark.isBlank()
                    ? List.of("报价单 QUOTATION", text(doc.quoteId()))
                    : List.of(ownWatermark.strip(), "报价单 QUOTATION · " + text(doc.quoteId()));
            QuotePdfCanvas canvas = new QuotePdfCanvas(pdf, font, watermark,
                    (c, pageIndex) -> pageIndex == 0 ? letterhead(c, doc, logoImage) : continuationHeader(c, doc));
            canvas.newPage();
            customerBlock(canvas, doc);
            lines(canvas, doc);
            totals(canvas, doc);
            clauses(canvas, doc);
            canvas.finish(canvas.printable(text(doc.quoteId()) + " · 第 " + doc.revision() + " 版 Rev. " + doc.revision()),
                    canvas.printable(splitName(text(doc.sellerName()))[0]));
            documentId(pdf, doc);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out);
            return out.toByteArray();
        }
    }

    private static void info(PDDocument pdf, QuoteDocument doc) {
        pdf.getDocumentCatalog().setLanguage("zh-CN");
        PDDocumentInformation info = pdf.getDocumentInformation();
        info.setTitle("报价单 Quotation " + text(doc.quoteId()));
        info.setAuthor(text(doc.sellerName()));
        info.setSubject(text(doc.customerName()));
        info.setCreator("Lead-to-Cash");
        info.setProducer("Lead-to-Cash (Apache PDFBox)");
        if (doc.quoteDate() != null) {
            // the quote date, not the wall clock: the same quote renders to the same bytes
            Calendar created = GregorianCalendar.from(doc.quoteDate().atStartOfDay(ZONE));
            created.setTimeZone(TimeZone.getTimeZone(ZONE));
            info.setCreationDate(created);
        }
    }

    /** A file identifier derived from the quote (PDFBox would hash the wall clock): same quote, same bytes. */
    private static void documentId(PDDocument pdf, QuoteDocument doc) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] id = md5.digest(doc.toString().getBytes(StandardCharsets.UTF_8));
            COSArray ids = new COSArray();
            ids.add(new COSString(id));
            ids.add(new COSString(id));
            pdf.getDocument().getTrailer().setItem(COSName.ID, ids);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- header

    private float letterhead(QuotePdfCanvas c, QuoteDocument doc, PDImageXObject logoImage) throws IOException {
        float top = QuotePdfCanvas.TOP;
        float logoSize = logoImage == null ? 0 : 46;
        float x = QuotePdfCanvas.LEFT;
        if (logoImage != null) {
            // fit into the square, keeping the aspect ratio
            float scale = logoSize / Math.max(logoImage.getWidth(), logoImage.getHeight());
            float w = logoImage.getWidth() * scale;
            float h = logoImage.getHeight() * scale;
            c.image(logoImage, QuotePdfCanvas.LEFT + (logoSize - w) / 2, top - logoSize + (logoSize - h) / 2, w, h);
            x += logoSize + 12;
        }
        String[] seller = splitName(c.printable(text(doc.sellerName())));
        float nameWidth = 300;
        List<String> nameLines = c.wrap(seller[0], 15, nameWidth);
        float baseline = top - 17;
        for (String line : nameLines) {
            c.text(line, x, baseline, 15, QuotePdfCanvas.INK, true);
            baseline -= 18;
        }
        if (!seller[1].isEmpty()) {
            for (String line : c.wrap(seller[1], 9.5f, nameWidth)) {
                c.text(line, x, baseline + 3, 9.5f, QuotePdfCanvas.MUTED);
                baseline -= 12;
            }
        }
        List<String> details = new ArrayList<>();
        details.add("纳税人识别号 Taxpayer ID: " + text(doc.seller().taxNumber()));
        details.add("地址电话 Address & phone: " + text(doc.seller().addressPhone()));
        for (String detail : details) {
            for (String line : c.wrap(c.printable(detail), 8, nameWidth)) {
                c.text(line, x, baseline + 3, 8, QuotePdfCanvas.MUTED);
                baseline -= 10.5f;
            }
        }
        float right = QuotePdfCanvas.RIGHT;
        c.textRight("报价单", right, top - 18, 20, QuotePdfCanvas.BRAND, true);
        c.textRight("QUOTATION", right, top - 31, 9, QuotePdfCanvas.BRAND, false);
        c.textRight(c.printable("编号 No. " + text(doc.quoteId())), right, top - 44, 8.5f, QuotePdfCanvas.INK, false);
        c.textRight("第 " + doc.revision() + " 版 Rev. " + doc.revision(), right, top - 55, 8.5f, QuotePdfCanvas.MUTED, false);
        float ruleY = Math.min(top - logoSize, baseline + 6) - 10;
        ruleY = Math.min(ruleY, top - 62);
        c.line(QuotePdfCanvas.LEFT, ruleY, right, ruleY, 1.4f, QuotePdfCanvas.BRAND);
        return ruleY - 10;
    }

    private float continuationHeader(QuotePdfCanvas c, QuoteDocument doc) throws IOException {
        float top = QuotePdfCanvas.TOP;
        c.text(c.printable("报价单 QUOTATION · " + text(doc.quoteId()) + "（续 continued）"), QuotePdfCanvas.LEFT, top - 10, 8.5f,
                QuotePdfCanvas.BRAND, false);
        c.textRight(c.printable(splitName(text(doc.sellerName()))[0]), QuotePdfCanvas.RIGHT, top - 10, 8.5f,
                QuotePdfCanvas.MUTED, false);
        c.line(QuotePdfCanvas.LEFT, top - 16, QuotePdfCanvas.RIGHT, top - 16, 0.6f, QuotePdfCanvas.BRAND);
        return top - 30;
    }

    /** "上海云帆智能科技有限公司 Lead-to-Cash Demo Co." → Chinese name, English name; else the whole name, "". */
    static String[] splitName(String name) {
        Matcher m = CJK_THEN_LATIN.matcher(name.strip());
        return m.matches() ? new String[] {m.group(1).strip(), m.group(2).strip()} : new String[] {name.strip(), ""};
    }

    // ---------------------------------------------------------------- customer

    private void customerBlock(QuotePdfCanvas c, QuoteDocument doc) throws IOException {
        float columnWidth = (QuotePdfCanvas.WIDTH - 20) / 2;
        List<String[]> left = List.of(
                new String[] {"客户 Customer", text(doc.customerName())},
                new String[] {"统一社会信用代码 Credit code", orDash(doc.customerCreditCode())},
                new String[] {"销售代表 Sales rep", orDash(doc.repName())});
        List<String[]> right = List.of(
                new String[] {"报价日期 Quote date", doc.quoteDate() == null ? "—" : DATE.format(doc.quoteDate())},
                new String[] {"交货日期 Delivery date", doc.deliveryDate() == null ? "待定 TBD" : DATE.format(doc.deliveryDate())},
                new String[] {"返利 Rebate", percent(doc.rebateRate() == null ? BigDecimal.ZERO : doc.rebateRate())});
        float start = c.y() - 4;
        float endLeft = fieldColumn(c, left, QuotePdfCanvas.LEFT, start, columnWidth);
        float endRight = fieldColumn(c, right, QuotePdfCanvas.LEFT + columnWidth + 20, start, columnWidth);
        c.moveDown(start - Math.min(endLeft, endRight) + 14);
    }

    /** Label above value, one field under the other; returns the y below the last one. */
    private float fieldColumn(QuotePdfCanvas c, List<String[]> fields, float x, float y, float width) throws IOException {
        for (String[] field : fields) {
            y -= 9;
            c.text(field[0], x, y, 7.5f, QuotePdfCanvas.MUTED);
            for (String line : c.wrap(c.printable(field[1]), 10.5f, width)) {
                y -= 14;
                c.text(line, x, y, 10.5f, QuotePdfCanvas.INK);
            }
            y -= 8;
        }
        return y;
    }

    // ---------------------------------------------------------------- lines

    /** Column: header in Chinese and English, width, right-aligned. */
    private record Column(String zh, String en, float width, boolean right) {}

    private static final List<Column> COLUMNS = List.of(
            new Column("序号", "No.", 26, false),
            new Column("型号", "Model", 64, false),
            new Column("品名", "Product", 164, false),
            new Column("数量", "Qty", 44, true),
            new Column("含税单价", "Unit price incl. VAT", 80, true),
            new Column("税率", "VAT", 36, true),
            new Column("含税金额", "Line total", QuotePdfCanvas.WIDTH - 414, true)); // the rest of the width
    private static final float CELL_PAD = 4;
    private static final float BODY_SIZE = 9;
    private static final float BODY_LEADING = 12;

    private void lines(QuotePdfCanvas c, QuoteDocument doc) throws IOException {
        sectionTitle(c, "报价明细", "Quotation lines", 40 + 26 + 24);
        tableHeader(c);
        if (doc.lines().isEmpty()) {
            c.ensure(24);
            c.text("（无报价行 no lines）", QuotePdfCanvas.LEFT + CELL_PAD, c.y() - 14, BODY_SIZE, QuotePdfCanvas.MUTED);
            c.moveDown(22);
            return;
        }
        for (QuoteDocument.Line line : doc.lines()) {
            String[] cells = {
                    String.valueOf(line.lineNo()),
                    c.printable(text(line.model())),
                    c.printable(text(line.name())),
                    quantity(line.quantity()),
                    money(line.unitPriceInclTax()),
                    line.vatRate() == null ? "—" : percent(line.vatRate()),
                    money(line.total())};
            List<List<String>> wrapped = new ArrayList<>();
            int height = 1;
            for (int i = 0; i < cells.length; i++) {
                List<String> cellLines = c.wrap(cells[i], BODY_SIZE, COLUMNS.get(i).width() - 2 * CELL_PAD);
                wrapped.add(cellLines);
                height = Math.max(height, cellLines.size());
            }
            float rowHeight = height * BODY_LEADING + 9;
            if (c.y() - rowHeight < QuotePdfCanvas.BOTTOM) {
                c.newPage();
                tableHeader(c);
            }
            float top = c.y();
            float x = QuotePdfCanvas.LEFT;
            for (int i = 0; i < cells.length; i++) {
                Column column = COLUMNS.get(i);
                float baseline = top - 4.5f - BODY_SIZE;
                for (String cellLine : wrapped.get(i)) {
                    if (column.right()) {
                        c.textRight(cellLine, x + column.width() - CELL_PAD, baseline, BODY_SIZE, QuotePdfCanvas.INK, false);
                    } else {
                        c.text(cellLine, x + CELL_PAD, baseline, BODY_SIZE, QuotePdfCanvas.INK);
                    }
                    baseline -= BODY_LEADING;
                }
                x += column.width();
            }
            c.moveDown(rowHeight);
            c.line(QuotePdfCanvas.LEFT, c.y(), QuotePdfCanvas.RIGHT, c.y(), 0.5f, QuotePdfCanvas.RULE);
        }
    }

    private void tableHeader(QuotePdfCanvas c) throws IOException {
        float height = 26;
        float top = c.y();
        c.fill(QuotePdfCanvas.LEFT, top - height, QuotePdfCanvas.WIDTH, height, QuotePdfCanvas.SHADE);
        float x = QuotePdfCanvas.LEFT;
        for (Column column : COLUMNS) {
            if (column.right()) {
                float right = x + column.width() - CELL_PAD;
                c.textRight(column.zh(), right, top - 11, 8.5f, QuotePdfCanvas.INK, true);
                c.textRight(column.en(), right, top - 21, 6.5f, QuotePdfCanvas.MUTED, false);
            } else {
                c.text(column.zh(), x + CELL_PAD, top - 11, 8.5f, QuotePdfCanvas.INK, true);
                c.text(column.en(), x + CELL_PAD, top - 21, 6.5f, QuotePdfCanvas.MUTED);
            }
            x += column.width();
        }
        c.line(QuotePdfCanvas.LEFT, top - height, QuotePdfCanvas.RIGHT, top - height, 0.8f, QuotePdfCanvas.BRAND);
        c.moveDown(height);
    }

    // ---------------------------------------------------------------- totals

    private void totals(QuotePdfCanvas c, QuoteDocument doc) throws IOException {
        float rowHeight = 17;
        c.ensure(rowHeight * 3 + 24);
        c.moveDown(8);
        float boxWidth = 240;
        float labelX = QuotePdfCanvas.RIGHT - boxWidth;
        float top = c.y();
        c.text("金额单位：人民币元；单价与金额均含增值税", QuotePdfCanvas.LEFT, top - 12, 7.5f, QuotePdfCanvas.MUTED);
        c.text("Amounts in CNY; unit prices and line totals include VAT", QuotePdfCanvas.LEFT, top - 22, 7, QuotePdfCanvas.MUTED);
        float noteWidth = labelX - 16 - QuotePdfCanvas.LEFT;
        float noteBaseline = top - 38;
        for (String bank : List.of("开户行 Bank: " + text(doc.seller().bankName()),
                "账号 Account: " + text(doc.seller().bankAccount()))) {
            for (String line : c.wrap(c.printable(bank), 8, noteWidth)) {
                c.text(line, QuotePdfCanvas.LEFT, noteBaseline, 8, QuotePdfCanvas.INK);
                noteBaseline -= 11;
            }
        }
        String[][] rows = {
                {"不含税金额 Net amount", money(doc.netTotal())},
                {"税额 VAT", money(doc.taxTotal())},
                {"价税合计 Total (CNY)", money(doc.total())}};
        float baseline = top - 12;
        for (int i = 0; i < rows.length; i++) {
            boolean grand = i == rows.length - 1;
            if (grand) {
                c.fill(labelX - 6, baseline - 6, boxWidth + 6, rowHeight + 2, QuotePdfCanvas.SHADE);
                c.line(labelX - 6, baseline + rowHeight - 4, QuotePdfCanvas.RIGHT, baseline + rowHeight - 4, 0.8f,
                        QuotePdfCanvas.BRAND);
            }
            c.text(rows[i][0], labelX, baseline, grand ? 9.5f : 8.5f, grand ? QuotePdfCanvas.INK : QuotePdfCanvas.MUTED, grand);
            c.textRight(rows[i][1], QuotePdfCanvas.RIGHT - CELL_PAD, baseline, grand ? 11 : 9.5f, QuotePdfCanvas.INK, grand);
            baseline -= rowHeight + (i == rows.length - 2 ? 3 : 0);
        }
        c.moveDown(top - Math.min(baseline, noteBaseline + 6) + 8);
    }

    // ---------------------------------------------------------------- clauses

    private static final float CLAUSE_SIZE = 9.5f;
    private static final float CLAUSE_LEADING = 15;
    private static final float CLAUSE_INDENT = 16;

    private void clauses(QuotePdfCanvas c, QuoteDocument doc) throws IOException {
        sectionTitle(c, "合同条款", "Terms and clauses", 36 + 2 * CLAUSE_LEADING + 20);
        if (doc.clauses().isEmpty()) {
            c.text("（无条款 no clauses）", QuotePdfCanvas.LEFT, c.y() - 12, CLAUSE_SIZE, QuotePdfCanvas.MUTED);
            c.moveDown(20);
            return;
        }
        int number = 0;
        float textWidth = QuotePdfCanvas.WIDTH - CLAUSE_INDENT;
        for (QuoteDocument.Clause clause : doc.clauses()) {
            number++;
            List<String> textLines = c.wrap(c.printableParagraphs(text(clause.text()).strip()), CLAUSE_SIZE, textWidth);
            // keep the heading with at least two lines of its text
            c.ensure(22 + Math.min(2, textLines.size()) * CLAUSE_LEADING);
            c.moveDown(16);
            List<String> heading = c.wrap(c.printable(number + ". " + text(clause.typeName())), 10.5f, QuotePdfCanvas.WIDTH);
            for (int i = 0; i < heading.size(); i++) {
                if (i > 0) {
                    c.moveDown(14);
                }
                c.text(heading.get(i), QuotePdfCanvas.LEFT, c.y(), 10.5f, QuotePdfCanvas.INK, true);
            }
            String version = "第 " + clause.version() + " 版 v" + clause.version();
            String marker = clause.locked() ? "【锁定 locked】" : "";
            float x = QuotePdfCanvas.LEFT + c.width(heading.get(heading.size() - 1), 10.5f) + 10;
            if (x + c.width(version, 8.5f) + 8 + c.width(marker, 8.5f) > QuotePdfCanvas.RIGHT) {
                c.moveDown(13);
                x = QuotePdfCanvas.LEFT + CLAUSE_INDENT;
            }
            c.text(version, x, c.y(), 8.5f, QuotePdfCanvas.MUTED);
            x += c.width(version, 8.5f) + 8;
            c.text(marker, x, c.y(), 8.5f, QuotePdfCanvas.LOCKED, true);
            c.moveDown(6);
            for (String line : textLines) {
                if (c.y() - CLAUSE_LEADING < QuotePdfCanvas.BOTTOM) {
                    c.newPage();
                }
                c.moveDown(CLAUSE_LEADING);
                c.text(line, QuotePdfCanvas.LEFT + CLAUSE_INDENT, c.y(), CLAUSE_SIZE, QuotePdfCanvas.INK);
            }
            c.moveDown(8);
        }
    }

    private void sectionTitle(QuotePdfCanvas c, String zh, String en, float keepWithNext) throws IOException {
        c.ensure(keepWithNext);
        c.moveDown(20);
        c.fill(QuotePdfCanvas.LEFT, c.y() - 3, 3, 15, QuotePdfCanvas.BRAND);
        c.text(zh, QuotePdfCanvas.LEFT + 9, c.y(), 12, QuotePdfCanvas.INK, true);
        c.text(en, QuotePdfCanvas.LEFT + 9 + c.width(zh, 12) + 8, c.y(), 9, QuotePdfCanvas.MUTED);
        c.moveDown(10);
    }

    // ---------------------------------------------------------------- formatting

    /** ¥12,345.60 — HALF_UP to the fen; "—" for no amount. */
    static String money(BigDecimal amount) {
        if (amount == null) {
            return "—";
        }
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        BigDecimal fen = amount.setScale(2, RoundingMode.HALF_UP);
        return (fen.signum() < 0 ? "-¥" : "¥") + format.format(fen.abs());
    }

    /** 0.13 → "13%", 0.0800 → "8%", 0.075 → "7.5%". */
    static String percent(BigDecimal fraction) {
        BigDecimal percent = fraction.movePointRight(2).stripTrailingZeros();
        return (percent.scale() < 0 ? percent.setScale(0) : percent).toPlainString() + "%";
    }

    static String quantity(BigDecimal quantity) {
        if (quantity == null) {
            return "—";
        }
        BigDecimal q = quantity.stripTrailingZeros();
        return (q.scale() < 0 ? q.setScale(0) : q).toPlainString();
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }
}
