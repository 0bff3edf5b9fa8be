package org.leadtocash.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The quote PDF read back with PDFBox: Chinese text extractable, font embedded, long clauses flow on. */
class QuotePdfTests {
    static final String SELLER = "上海云帆智能科技有限公司 Lead-to-Cash Demo Co.";
    /** The seller as the company profile gives it; no logo, no own watermark. */
    static final QuoteDocument.Seller SELLER_PROFILE = new QuoteDocument.Seller(SELLER, "91310115MA1K3YFANN",
            "上海市浦东新区张江路 88 号 021-5080 0000", "中国工商银行上海张江支行", "1001 2345 6789 0123 456", null, null);
    static final String IP_TEXT = "乙方在履行本合同过程中所产生的全部技术成果、图纸、模具设计文件及软件源代码，其知识产权归甲方所有。"
            + "未经甲方书面同意，乙方不得向任何第三方披露、转让或许可使用上述成果。本条款在合同终止后继续有效。";
    static final String FORCE_MAJEURE_TEXT = "不可抗力是指不能预见、不能避免且不能克服的客观情况，包括但不限于地震、台风、洪水、战争及政府行为。"
            + "受不可抗力影响的一方应在事件发生后七日内书面通知对方，并提供有关机构出具的证明文件。";
    static final String PAYMENT_TEXT = "合同签订后七个工作日内，甲方支付合同总额30%的预付款；货物验收合格后三十日内支付60%；"
            + "余款10%作为质保金，于质保期满且无质量争议后支付。All payments in CNY by bank transfer.";
    static final String WARRANTY_TEXT = "质保期为验收合格之日起十二个月。质保期内因产品本身质量问题造成的故障，乙方免费维修或更换；"
            + "第二年起模具维修按乙方当年公布的服务价格收费。";
    static final String ENVIRONMENTAL_TEXT = "出口产品须符合欧盟RoHS指令（2011/65/EU）及REACH法规的要求，"
            + "乙方应随货提供第三方检测报告。因环保不合规导致的清关延误及损失由乙方承担。";

    static QuotePdf pdf;

    @BeforeAll
    static void font() {
        pdf = new QuotePdf();
    }

    static QuoteDocument quote(List<QuoteDocument.Clause> clauses) {
        return new QuoteDocument("Q-2025-000123", 2, SELLER_PROFILE, "杭州味来连锁超市有限公司", "91330106MA2H3K4L5X", "张伟",
                LocalDate.of(2025, 3, 18), LocalDate.of(2025, 4, 30), new BigDecimal("0.0800"),
                List.of(
                        new QuoteDocument.Line(1, "JM-200", "精密模具（注塑成型，含热流道系统）", new BigDecimal("2"),
                                new BigDecimal("56500.00"), new BigDecimal("0.13"), new BigDecimal("103960.00")),
                        new QuoteDocument.Line(2, "SaaS-MES", "智能制造执行系统年度订阅", new BigDecimal("1"),
                                new BigDecimal("21200.00"), new BigDecimal("0.06"), new BigDecimal("19504.00")),
                        new QuoteDocument.Line(3, "SVC-INST", "现场安装调试服务", new BigDecimal("3.5"),
                                new BigDecimal("1090.00"), new BigDecimal("0.09"), new BigDecimal("3509.80"))),
                new BigDecimal("113611.22"), new BigDecimal("13362.58"), new BigDecimal("126973.80"), clauses);
    }

    static List<QuoteDocument.Clause> clauses() {
        return List.of(
                new QuoteDocument.Clause("技术协议 Technical agreement", 3, false,
                        "模具型腔数量、材料及公差按附件一《技术规格书》执行。\n交付时乙方提供全套二维、三维图纸。"),
                new QuoteDocument.Clause("付款条款 Payment terms", 2, false, PAYMENT_TEXT),
                new QuoteDocument.Clause("质保说明 Warranty", 4, false, WARRANTY_TEXT),
                new QuoteDocument.Clause("知识产权归属 IP ownership", 1, true, IP_TEXT),
                new QuoteDocument.Clause("不可抗力定义 Force majeure", 2, true, FORCE_MAJEURE_TEXT),
                new QuoteDocument.Clause("环保条款 Environmental", 5, true, ENVIRONMENTAL_TEXT));
    }

    static String extract(byte[] bytes) throws IOException {
        try (PDDocument document = Loader.loadPDF(bytes)) {
            return new PDFTextStripper().getText(document);
        }
    }

    static String squeeze(String s) {
        return s.replaceAll("\\s+", "");
    }

    @Test
    void customerLinesTotalsAndEveryClauseAreExtractableChineseText() throws IOException {
        byte[] bytes = pdf.render(quote(clauses()));
        String text = extract(bytes);
        String flat = squeeze(text);

        assertThat(text).contains("杭州味来连锁超市有限公司", "91330106MA2H3K4L5X", "张伟", "上海云帆智能科技有限公司",
                "Lead-to-Cash Demo Co.", "2025-03-18", "2025-04-30", "8%");
        assertThat(flat).contains("精密模具（注塑成型，含热流道系统）", "智能制造执行系统年度订阅", "现场安装调试服务", "JM-200", "SaaS-MES");
        assertThat(text).contains("¥56,500.00", "¥103,960.00", "¥3,509.80", "13%", "6%", "9%", "3.5");
        assertThat(text).contains("不含税金额", "¥113,611.22", "税额", "¥13,362.58", "价税合计", "¥126,973.80");
        for (QuoteDocument.Clause clause : clauses()) {
            assertThat(text).contains(clause.typeName());
            String firstSentence = clause.text().substring(0, clause.text().indexOf('。') + 1);
            assertThat(flat).contains(squeeze(firstSentence));
        }
        assertThat(flat).contains(squeeze(IP_TEXT), squeeze(FORCE_MAJEURE_TEXT), squeeze(PAYMENT_TEXT));
    }

    @Test
    void lockedClausesAreMarkedAndUnlockedOnesAreNot() throws IOException {
        String text = extract(pdf.render(quote(clauses())));

        assertThat(text.split("【锁定 locked】", -1)).hasSize(1 + 3);
        assertThat(text).contains("知识产权归属 IP ownership 第 1 版 v1 【锁定 locked】");
        assertThat(text).contains("技术协议 Technical agreement 第 3 版 v3\n");
    }

    @Test
    void watermarkAndQuoteIdAreOnEveryPage() throws IOException {
        List<QuoteDocument.Clause> clauses = new ArrayList<>(clauses());
        clauses.add(new QuoteDocument.Clause("售后服务 After-sales service", 1, false, longText(6000, "本条到此结束。")));
        byte[] bytes = pdf.render(quote(clauses));

        try (PDDocument document = Loader.loadPDF(bytes)) {
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(2);
            for (int page = 1; page <= document.getNumberOfPages(); page++) {
                PDFTextStripper stripper = new PDFTextStripper();
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                String text = stripper.getText(document);
                assertThat(text).as("page %d", page).contains("报价单 QUOTATION", "Q-2025-000123",
                        "第 " + page + " / " + document.getNumberOfPages() + " 页");
            }
        }
    }

    @Test
    void longClauseFlowsOntoFurtherPagesAndItsLastSentenceIsExtractable() throws IOException {
        String last = "以上条款自双方签字盖章之日起生效。";
        String longText = longText(6000, last);
        assertThat(longText.length()).isGreaterThanOrEqualTo(6000);
        byte[] bytes = pdf.render(quote(List.of(new QuoteDocument.Clause("技术协议 Technical agreement", 7, false, longText))));

        try (PDDocument document = Loader.loadPDF(bytes)) {
            int pages = document.getNumberOfPages();
            assertThat(pages).isGreaterThanOrEqualTo(2);
            PDFTextStripper lastPage = new PDFTextStripper();
            lastPage.setStartPage(pages);
            lastPage.setEndPage(pages);
            assertThat(squeeze(lastPage.getText(document))).contains(last, "第" + pages + "/" + pages + "页");
            String all = new PDFTextStripper().getText(document);
            assertThat(all).contains("第 1 / " + pages + " 页", "（续 continued）");
            // every wrapped line of the clause came out: nothing lost at line or page breaks
            String flat = squeeze(all.replaceAll("(?m)^(.*(报价单 QUOTATION|第 \\d+ / \\d+ 页).*|Q-2025-000123)$", ""));
            assertThat(flat).contains(squeeze(longText));
        }
    }

    @Test
    void theCjkFontIsEmbeddedOnEveryPage() throws IOException {
        List<QuoteDocument.Clause> clauses = new ArrayList<>(clauses());
        clauses.add(new QuoteDocument.Clause("售后服务 After-sales service", 1, false, longText(6000, "完。")));
        try (PDDocument document = Loader.loadPDF(pdf.render(quote(clauses)))) {
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(2);
            for (PDPage page : document.getPages()) {
                PDResources resources = page.getResources();
                List<PDFont> fonts = new ArrayList<>();
                for (COSName name : resources.getFontNames()) {
                    fonts.add(resources.getFont(name));
                }
                assertThat(fonts).isNotEmpty();
                assertThat(fonts).allSatisfy(font -> {
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                    assertThat(font).isInstanceOf(PDType0Font.class);
                    // a subset ("ABCDEF+WenQuanYiMicroHei"), not the whole 5 MB face
                    assertThat(font.getName()).matches("[A-Z]{6}\\+.+");
                });
            }
        }
    }

    @Test
    void theSameQuoteRendersToTheSameTextAndBytes() throws IOException {
        byte[] first = pdf.render(quote(clauses()));
        byte[] second = new QuotePdf().render(quote(clauses()));

        assertThat(extract(second)).isEqualTo(extract(first));
        assertThat(java.util.Arrays.equals(first, second)).as("same bytes").isTrue();
        assertThat(first.length).as("subset font keeps the file small").isLessThan(400_000);
    }

    @Test
    void charactersTheFontLacksPrintAsQuestionMarksInsteadOfFailing() throws IOException {
        QuoteDocument doc = new QuoteDocument("Q-2025-000124", 1, SELLER_PROFILE, "演示客户🔒有限公司", null, null,
                LocalDate.of(2025, 3, 18), null, null, List.of(), null, null, null,
                List.of(new QuoteDocument.Clause("付款条款 Payment terms", 1, true, "付款\u0007方式 😀 见附件。")));

        String text = extract(pdf.render(doc));

        assertThat(text).contains("演示客户?有限公司", "付款方式 ? 见附件。", "待定 TBD", "0%", "（无报价行 no lines）");
    }

    @Test
    void aConfiguredFontThatIsMissingIsReportedByNameWhenRendering() {
        QuotePdf misconfigured = new QuotePdf("/nonexistent/fonts/simsun.ttf");

        assertThatThrownBy(() -> misconfigured.render(quote(clauses())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("leadtocash.quote.pdf-font")
                .hasMessageContaining("/nonexistent/fonts/simsun.ttf");
    }

    @Test
    void noFontAtAllNamesTheDebianPackageToInstall() {
        QuotePdfFonts none = QuotePdfFonts.locate("", List.of(Path.of("/nonexistent/wqy-microhei.ttc")));

        assertThat(none.problem()).contains("fonts-wqy-microhei", "apt-get install", "leadtocash.quote.pdf-font");
        assertThatThrownBy(() -> none.withFont(font -> "unreachable"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fonts-wqy-microhei");
        assertThat(QuotePdfFonts.locate("").problem()).as("this machine has the package").isNull();
    }

    @Test
    void aFontWithoutTrueTypeOutlinesIsRefusedWithTheReason() throws IOException {
        Path notAFont = Files.createTempFile("not-a-font", ".ttf");
        try {
            Files.write(notAFont, "this is not a font".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            QuotePdf broken = new QuotePdf(notAFont.toString());

            assertThatThrownBy(() -> broken.render(quote(clauses())))
                    .hasMessageContaining("cannot read font")
                    .hasMessageContaining(notAFont.toString());
        } finally {
            Files.delete(notAFont);
        }
    }

    @Test
    void rendersFromSeveralThreadsAtOnceGiveTheSameDocument() throws Exception {
        byte[] expected = pdf.render(quote(clauses()));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> pdf.render(quote(clauses()))));
            }
            for (java.util.concurrent.Future<byte[]> result : results) {
                assertThat(java.util.Arrays.equals(expected, result.get(60, java.util.concurrent.TimeUnit.SECONDS)))
                        .as("same bytes").isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void lineBreakingKeepsPunctuationAndLatinWordsTogetherAndFitsTheWidth() {
        // every character 1 wide, Latin 0.5
        java.util.function.IntToDoubleFunction width = cp -> QuotePdfLineBreaker.isWide(cp) ? 1 : 0.5;
        List<String> lines = QuotePdfLineBreaker.wrap("甲方应于收货后三十日内付款，逾期按日万分之五支付违约金。Payment by transfer only.", 10, width);

        assertThat(lines).allSatisfy(line -> {
            double w = line.codePoints().mapToDouble(width::applyAsDouble).sum();
            assertThat(w).as(line).isLessThanOrEqualTo(10.5); // a closing mark may hang past the edge by one
            assertThat(line).doesNotStartWith("，").doesNotStartWith("。");
        });
        assertThat(String.join("", lines).replace(" ", "")).isEqualTo("甲方应于收货后三十日内付款，逾期按日万分之五支付违约金。Paymentbytransferonly.");
        for (String word : List.of("Payment", "transfer", "only.")) {
            assertThat(lines).as("whole word " + word).anySatisfy(line -> assertThat(line).contains(word));
        }
        assertThat(QuotePdfLineBreaker.wrap("", 10, width)).containsExactly("");
        assertThat(QuotePdfLineBreaker.wrap("ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJ", 10, width)).hasSize(2);
    }

    @Test
    void moneyAndRatesAreFormattedForChineseQuotes() {
        assertThat(QuotePdf.money(new BigDecimal("126973.8"))).isEqualTo("¥126,973.80");
        assertThat(QuotePdf.money(new BigDecimal("0.005"))).isEqualTo("¥0.01");
        assertThat(QuotePdf.money(new BigDecimal("-12.5"))).isEqualTo("-¥12.50");
        assertThat(QuotePdf.percent(new BigDecimal("0.0800"))).isEqualTo("8%");
        assertThat(QuotePdf.percent(new BigDecimal("0.075"))).isEqualTo("7.5%");
        assertThat(QuotePdf.quantity(new BigDecimal("10.000"))).isEqualTo("10");
        assertThat(QuotePdf.splitName(SELLER)).containsExactly("上海云帆智能科技有限公司", "Lead-to-Cash Demo Co.");
        assertThat(QuotePdf.splitName("Acme Ltd.")).containsExactly("Acme Ltd.", "");
    }

    @Test
    void writesASampleForPeopleToLookAtWhenAsked() throws IOException {
        String target = System.getProperty("quotePdf.sample");
        if (target == null) {
            return;
        }
        List<QuoteDocument.Clause> clauses = new ArrayList<>(clauses());
        clauses.add(new QuoteDocument.Clause("售后服务 After-sales service", 1, false, longText(6000, "以上条款自双方签字盖章之日起生效。")));
        Files.write(Path.of(target), pdf.render(quote(clauses)));
    }

    /** Realistic clause prose of at least length characters, in paragraphs, ending with last. */
    static String longText(int length, String last) {
        String[] sentences = {
                "乙方应按照甲方确认的技术图纸和样品要求组织生产，确保产品的尺寸精度、表面质量和使用寿命符合约定标准。",
                "如因甲方原因变更设计，交货期相应顺延，由此增加的费用由双方另行协商确定。",
                "乙方应建立完善的质量管理体系（ISO 9001:2015），并在每批次交货时附出厂检验报告。",
                "甲方有权在生产过程中派员到乙方现场进行检验，乙方应提供必要的便利条件。",
                "模具试模合格后，双方应签署《模具验收单》，作为付款及质保期起算的依据。",
                "Any amendment to this clause shall be made in writing and signed by both parties.",
                "运输过程中的风险自货物交付承运人时起转移至甲方，但乙方包装不当造成的损失除外。"};
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (text.length() < length) {
            text.append(sentences[i % sentences.length]);
            i++;
            if (i % 5 == 0) {
                text.append('\n');
            }
        }
        return text.append(last).toString();
    }
}
