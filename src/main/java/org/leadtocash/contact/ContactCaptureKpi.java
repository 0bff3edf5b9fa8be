package org.leadtocash.contact;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.leadtocash.shared.DateRange;
import org.leadtocash.shared.EngineClock;
import org.springframework.stereotype.Service;

/**
 * Share of contact records captured as a side effect versus typed, over the contact records of the days
 * [from, to] in the sales team's zone: captured = matched calls (confirmed in the first-contact task or not) and quote
 * PDFs sent; typed = first-contact attempts the rep recorded without a pre-filled call. Share is a fraction 0..1 with
 * 4 decimals, null without records.
 */
@Service
class ContactCaptureKpi {
    private final ContactRepository repository;
    private final EngineClock clock;

    ContactCaptureKpi(ContactRepository repository, EngineClock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    record Figures(String group, int records, int captured, int typed, BigDecimal capturedShare) {
    }

    record Report(LocalDate from, LocalDate to, Figures overall, Map<String, Integer> byKind, List<Figures> byRep) {
    }

    /** @param repId one rep, or null for every rep */
    Report report(LocalDate from, LocalDate to, String repId) {
        DateRange range = new DateRange(from, to);
        List<ContactRepository.ContactRow> rows = repository.contacts(repId, range.start(clock.zone()), range.end(clock.zone()));
        Map<String, Integer> byKind = new TreeMap<>();
        Map<String, List<ContactRepository.ContactRow>> byRep = new TreeMap<>();
        for (ContactRepository.ContactRow row : rows) {
            byKind.merge(row.kind(), 1, Integer::sum);
            byRep.computeIfAbsent(row.repId() == null ? "(unknown)" : row.repId(), k -> new ArrayList<>()).add(row);
        }
        List<Figures> reps = new ArrayList<>();
        byRep.forEach((rep, list) -> reps.add(figures(rep, list)));
        return new Report(from, to, figures("all", rows), byKind, reps);
    }

    private static Figures figures(String group, List<ContactRepository.ContactRow> rows) {
        int captured = (int) rows.stream().filter(ContactRepository.ContactRow::captured).count();
        BigDecimal share = rows.isEmpty() ? null
                : BigDecimal.valueOf(captured).divide(BigDecimal.valueOf(rows.size()), 4, RoundingMode.HALF_UP);
        return new Figures(group, rows.size(), captured, rows.size() - captured, share);
    }
}
