package org.leadtocash.payment.statement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.leadtocash.payment.PaymentJourney;
import org.leadtocash.payment.PaymentJourneys;
import org.leadtocash.payment.ReceiptResult;
import org.leadtocash.payment.statement.StatementLineReport.Echo;
import org.leadtocash.payment.statement.StatementLineRules.CheckedLine;
import org.leadtocash.payment.statement.StatementRepository.LedgerEntry;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.InvalidInputException;
import org.leadtocash.shared.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bank-statement import (R-20 node ⑤ 我方银行到账): reads a statement our bank exported (CSV or JSON), correlates every
 * credit line to the payment journey waiting for it — by invoice number, then amount — and answers line by line. The
 * file is refused whole when malformed; an accepted file is applied one line per transaction, so a bad line never
 * holds back the good ones, and a ledger of applied bank transaction ids keeps a re-import from applying any twice.
 * docs/design/bank-statement-import.md has the shapes, the matching rules and the cost.
 */
@Service
class BankStatementImports {
    private static final Logger log = LoggerFactory.getLogger(BankStatementImports.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final DateTimeFormatter ID_DATE = DateTimeFormatter.ofPattern("yyMMdd");

    private final StatementRepository repository;
    private final PaymentJourneys journeys;
    private final EngineClock clock;
    private final TransactionTemplate perLine;

    public BankStatementImports(StatementRepository repository, PaymentJourneys journeys, EngineClock clock,
            PlatformTransactionManager transactionManager) {
        this.repository = repository;
        this.journeys = journeys;
        this.clock = clock;
        this.perLine = new TransactionTemplate(transactionManager);
        this.perLine.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * An uploaded statement.
     *
     * @param format   CSV or JSON as the client declared it; {@code null} = decide by the content
     * @param charset  the charset the client declared, or {@code null} to detect (UTF-8 / GBK)
     * @param fileName the uploaded file's name, if any
     */
    public record Upload(byte[] content, StatementFormat format, String charset, String fileName) {
    }

    /** Checks the file, applies its lines one by one and answers the stored report. 400 (nothing applied) if malformed. */
    public StatementImportReport importStatement(Upload upload, String importedBy) {
        ParsedStatement statement = parse(upload);
        Instant now = clock.now();
        String importId = newImportId(now);
        repository.insertImport(importId, statement, upload.fileName(), sha256(upload.content()), upload.content().length, importedBy, now);

        LocalDate today = clock.today();
        Map<String, Integer> firstLineOf = new HashMap<>();
        List<StatementLineReport> reports = new ArrayList<>(statement.lines().size());
        for (RawStatementLine raw : statement.lines()) {
            reports.add(process(importId, raw, today, firstLineOf, importedBy));
        }
        repository.completeImport(importId, summarize(reports), clock.now());
        return report(importId);
    }

    public StatementImportReport report(String importId) {
        return repository.find(importId)
                .orElseThrow(() -> new NotFoundException("bank statement import " + importId + " does not exist"));
    }

    /** The latest imports, newest first, with their counts but without lines. */
    public List<StatementImportReport> recent(int limit) {
        if (limit < 1 || limit > 500) {
            throw new InvalidInputException("limit", "range", "must be between 1 and 500");
        }
        return repository.recent(limit);
    }

    static ParsedStatement parse(Upload upload) {
        if (upload.content().length > ParsedStatement.MAX_BYTES) {
            throw StatementText.tooLarge(upload.content().length);
        }
        StatementText.Decoded text = StatementText.decode(upload.content(), upload.charset());
        String start = text.text().stripLeading();
        boolean looksJson = start.startsWith("{") || start.startsWith("[");
        StatementFormat format = upload.format() != null ? upload.format() : looksJson ? StatementFormat.JSON : StatementFormat.CSV;
        if (format == StatementFormat.CSV && looksJson) {
            throw new InvalidInputException("file", "format",
                    "the file looks like JSON but was sent as CSV; send it as application/json (or a .json file)");
        }
        return format == StatementFormat.CSV
                ? CsvStatementParser.parse(text.text(), text.charset())
                : JsonStatementParser.parse(text.text(), text.charset());
    }

    // --- one line ---

    private StatementLineReport process(String importId, RawStatementLine raw, LocalDate today, Map<String, Integer> firstLineOf,
            String importedBy) {
        StatementLineReport report;
        try {
            report = outcome(importId, raw, today, firstLineOf, importedBy);
        } catch (RuntimeException e) {
            log.error("Bank statement import {} line {}: not applied because of an unexpected error", importId, raw.lineNo(), e);
            report = StatementLineReport.failed(Echo.of(raw),
                    "技术故障，未入账 not applied because of a technical error (" + e.getClass().getSimpleName()
                            + "); import the file again to retry — lines already applied are not applied twice");
        }
        if (report.outcome() != LineOutcome.MATCHED) {
            repository.insertLine(importId, report); // a MATCHED line is stored in its own transaction with the receipt
        }
        return report;
    }

    private StatementLineReport outcome(String importId, RawStatementLine raw, LocalDate today, Map<String, Integer> firstLineOf,
            String importedBy) {
        if (raw.transactionId() != null) {
            Integer first = firstLineOf.putIfAbsent(raw.transactionId(), raw.lineNo());
            if (first != null) {
                return StatementLineReport.duplicateInFile(Echo.of(raw), first,
                        "重复流水，未入账 transaction " + raw.transactionId() + " already appears on line " + first
                                + " of this file; not applied again");
            }
        }
        StatementLineRules.Result checked = StatementLineRules.check(raw, today);
        if (!checked.valid()) {
            return StatementLineReport.invalid(Echo.of(raw), null,
                    "数据有误，未入账 not applied: " + describe(checked.errors()), checked.errors());
        }
        CheckedLine line = checked.line();
        Optional<LedgerEntry> earlier = repository.ledger(line.transactionId());
        if (earlier.isPresent()) {
            return alreadyImported(line, earlier.get());
        }
        Resolution resolution = resolve(line);
        if (resolution.journey() == null) {
            return StatementLineReport.unmatched(Echo.of(line, resolution.invoiceNo()), resolution.reason(),
                    resolution.message());
        }
        PaymentJourney journey = resolution.journey();
        BigDecimal outstanding = outstanding(journey);
        if (line.amount().compareTo(outstanding) > 0) {
            return mismatch(line, resolution.invoiceNo(), journey.id(), outstanding);
        }
        try {
            return perLine.execute(tx -> {
                repository.insertLedger(line.transactionId(), importId, line.lineNo(), resolution.invoiceNo(), journey.id(),
                        line.amount(), line.valueDate(), importedBy, clock.now());
                ReceiptResult receipt = journeys.applyBankReceipt(resolution.invoiceNo(), line.amount(), line.valueDate(),
                        line.transactionId(), importedBy);
                StatementLineReport matched = matched(line, resolution.invoiceNo(), receipt);
                repository.insertLine(importId, matched);
                return matched;
            });
        } catch (DuplicateKeyException e) {
            // another import applied the same bank transaction between our look-up and our insert
            return repository.ledger(line.transactionId()).map(entry -> alreadyImported(line, entry))
                    .orElseThrow(() -> e);
        } catch (InvalidInputException e) {
            // the journey refused it (paid or changed meanwhile): say why, from the journey's current state
            return refused(line, resolution.invoiceNo(), e);
        }
    }

    private StatementLineReport refused(CheckedLine line, String invoiceNo, InvalidInputException e) {
        Optional<PaymentJourney> now = journeys.findOpenByInvoiceNo(invoiceNo);
        if (now.isPresent() && line.amount().compareTo(outstanding(now.get())) > 0) {
            return mismatch(line, invoiceNo, now.get().id(), outstanding(now.get()));
        }
        if (e.errors().stream().anyMatch(err -> "applied-once".equals(err.rule()))) {
            return StatementLineReport.alreadyRecorded(Echo.of(line, invoiceNo), now.map(PaymentJourney::id).orElse(null),
                    "重复流水，此流水号已入账 transaction " + line.transactionId() + " is already recorded on the journey of invoice "
                            + invoiceNo + " (entered by finance); not applied again");
        }
        if (now.isEmpty()) {
            return StatementLineReport.unmatched(Echo.of(line, invoiceNo), LineReason.NO_OPEN_JOURNEY,
                    "未找到待回款的旅程，未入账 invoice " + invoiceNo + " has no open payment journey any more (" + e.getMessage() + ")");
        }
        return StatementLineReport.invalid(Echo.of(line, invoiceNo), now.get().id(),
                "回款旅程拒绝此笔到账，未入账 the journey refused the receipt: " + describe(e.errors()), e.errors());
    }

    private StatementLineReport alreadyImported(CheckedLine line, LedgerEntry entry) {
        String differs = entry.amount().compareTo(line.amount()) != 0
                ? "; NOTE the earlier line had amount " + money(entry.amount()) + ", this one " + money(line.amount()) + " — check with the bank"
                : "";
        return StatementLineReport.alreadyImported(Echo.of(line, entry.invoiceNo()), entry.journeyId(), entry.importId(),
                entry.lineNo(), "重复流水，已于导入 " + entry.importId() + " 第 " + entry.lineNo() + " 行入账 transaction " + line.transactionId()
                        + " was already applied to journey " + entry.journeyId() + " by import " + entry.importId() + ", line "
                        + entry.lineNo() + "; not applied again" + differs);
    }

    private static StatementLineReport mismatch(CheckedLine line, String invoiceNo, String journeyId, BigDecimal outstanding) {
        BigDecimal excess = line.amount().subtract(outstanding);
        return StatementLineReport.amountMismatch(Echo.of(line, invoiceNo),
                "金额超出未收款 " + money(excess) + "，未入账 amount " + money(line.amount()) + " is " + money(excess)
                        + " more than the " + money(outstanding) + " outstanding on invoice " + invoiceNo
                        + "; not applied — finance confirms over- or mis-payments by hand",
                journeyId, outstanding, excess);
    }

    private static StatementLineReport matched(CheckedLine line, String invoiceNo, ReceiptResult r) {
        String message = r.paidInFull()
                ? "已全额到账 applied " + money(r.applied()) + " to invoice " + invoiceNo + "; paid in full, node ⑤ 我方银行到账 done"
                : "部分到账 applied " + money(r.applied()) + " to invoice " + invoiceNo + "; " + money(r.outstanding())
                        + " still outstanding, the journey stays at ⑤";
        return StatementLineReport.matched(Echo.of(line, invoiceNo), message, r.journeyId(), r.applied(), r.outstanding(),
                r.paidInFull());
    }

    // --- invoice resolution ---

    /** The journey a line is for, or why none: journey {@code null} with an UNMATCHED reason and message. */
    private record Resolution(PaymentJourney journey, String invoiceNo, LineReason reason, String message) {
        static Resolution found(PaymentJourney journey, String invoiceNo) {
            return new Resolution(journey, invoiceNo, null, null);
        }

        /** No journey; {@code invoiceNo} is the one the line named, if it named one. */
        static Resolution none(String invoiceNo, LineReason reason, String message) {
            return new Resolution(null, invoiceNo, reason, message);
        }
    }

    private Resolution resolve(CheckedLine line) {
        if (line.invoiceNo() != null) {
            return journeys.findOpenByInvoiceNo(line.invoiceNo())
                    .map(j -> Resolution.found(j, line.invoiceNo()))
                    .orElseGet(() -> Resolution.none(line.invoiceNo(), LineReason.NO_OPEN_JOURNEY,
                            "发票 " + line.invoiceNo() + " 没有待回款的旅程，未入账 no open payment journey for invoice " + line.invoiceNo()
                                    + " (unknown invoice number, or already paid in full)"));
        }
        InvoiceNumbers.Candidates candidates = InvoiceNumbers.candidates(line.memo());
        if (candidates.isEmpty()) {
            return Resolution.none(null, LineReason.NO_INVOICE_NUMBER,
                    "未找到发票号，未入账 no invoice number: the line has no 发票号 (invoiceNo) and none was found in the memo"
                            + (line.memo() == null ? "" : " '" + line.memo() + "'"));
        }
        Map<String, Hit> labelled = lookUp(candidates.labelled());
        Map<String, Hit> hits = labelled.isEmpty() ? lookUp(candidates.others()) : labelled;
        if (hits.size() == 1) {
            Hit hit = hits.values().iterator().next();
            return Resolution.found(hit.journey(), hit.invoiceNo());
        }
        if (hits.size() > 1) {
            List<String> invoices = hits.values().stream().map(Hit::invoiceNo).toList();
            return Resolution.none(null, LineReason.AMBIGUOUS_INVOICE,
                    "摘要含多张待回款发票，未入账 the memo names several open invoices " + invoices
                            + "; one bank line cannot be split automatically — finance confirms each invoice's receipt by hand");
        }
        return Resolution.none(null, LineReason.NO_OPEN_JOURNEY,
                "摘要中的号码都不是待回款发票，未入账 none of the numbers in the memo " + candidates.all()
                        + " is the invoice number of an open payment journey");
    }

    private record Hit(String invoiceNo, PaymentJourney journey) {
    }

    /** Open journeys for the candidates, one entry per journey, in candidate order. */
    private Map<String, Hit> lookUp(List<String> candidates) {
        Map<String, Hit> hits = new LinkedHashMap<>();
        for (String candidate : candidates) {
            Optional<PaymentJourney> journey = journeys.findOpenByInvoiceNo(candidate);
            String upper = candidate.toUpperCase(Locale.ROOT);
            if (journey.isEmpty() && !upper.equals(candidate)) {
                journey = journeys.findOpenByInvoiceNo(upper);
                candidate = upper;
            }
            String invoiceNo = candidate;
            journey.ifPresent(j -> hits.putIfAbsent(j.id(), new Hit(invoiceNo, j)));
        }
        return hits;
    }

    // --- helpers ---

    private static BigDecimal outstanding(PaymentJourney journey) {
        BigDecimal received = journey.amountReceived() == null ? BigDecimal.ZERO : journey.amountReceived();
        return journey.amountDue().subtract(received).max(BigDecimal.ZERO).setScale(2, RoundingMode.HALF_UP);
    }

    private static StatementImportReport.Summary summarize(List<StatementLineReport> lines) {
        Map<LineOutcome, Integer> counts = new HashMap<>();
        BigDecimal applied = BigDecimal.ZERO.setScale(2);
        for (StatementLineReport l : lines) {
            counts.merge(l.outcome(), 1, Integer::sum);
            if (l.outcome() == LineOutcome.MATCHED && l.applied() != null) {
                applied = applied.add(l.applied());
            }
        }
        return new StatementImportReport.Summary(lines.size(), counts.getOrDefault(LineOutcome.MATCHED, 0),
                counts.getOrDefault(LineOutcome.UNMATCHED, 0), counts.getOrDefault(LineOutcome.DUPLICATE, 0),
                counts.getOrDefault(LineOutcome.AMOUNT_MISMATCH, 0), counts.getOrDefault(LineOutcome.INVALID, 0),
                counts.getOrDefault(LineOutcome.FAILED, 0), applied);
    }

    private static String describe(List<FieldError> errors) {
        return String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message() + " [" + e.rule() + "]").toList());
    }

    static String money(BigDecimal amount) {
        return "¥" + String.format(Locale.ROOT, "%,.2f", amount);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String newImportId(Instant now) {
        StringBuilder id = new StringBuilder("BS").append(LocalDate.ofInstant(now, clock.zone()).format(ID_DATE)).append('-');
        for (int i = 0; i < 6; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }
}
