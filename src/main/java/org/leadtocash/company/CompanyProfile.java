package org.leadtocash.company;

import java.util.List;

import org.leadtocash.shared.EngineClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Our own company profile: read by everything that prints or sends it, kept by an administrator. There are no
 * defaults: {@link #requireComplete} refuses, naming every missing field, until the administrator has entered them.
 */
@Service
public class CompanyProfile {
    private static final Logger log = LoggerFactory.getLogger(CompanyProfile.class);

    private final CompanyProfileRepository repository;
    private final EngineClock clock;

    CompanyProfile(CompanyProfileRepository repository, EngineClock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** The profile as stored now; every field null on a fresh install. */
    public CompanyDetails current() {
        return repository.find().orElse(CompanyDetails.EMPTY);
    }

    /**
     * The profile, complete.
     *
     * @param purpose what would print or send it, Chinese then English, e.g. "生成开票申请 create the invoice request"
     * @throws CompanyProfileIncompleteException naming every missing field (HTTP 409; an incident in a process)
     */
    public CompanyDetails requireComplete(String purpose) {
        CompanyDetails details = current();
        List<CompanyField> missing = details.missing();
        if (!missing.isEmpty()) {
            throw new CompanyProfileIncompleteException(purpose, missing);
        }
        return details;
    }

    /** Replaces the text fields with the administrator's (validated) edit; the logo stays; no longer demo data. */
    @Transactional
    public CompanyDetails save(CompanyProfileEdit edit, String actor) {
        CompanyProfileEdit valid = CompanyProfileValidator.edit(edit);
        CompanyDetails before = current();
        repository.save(new CompanyDetails(valid.sellerName(), valid.taxNumber(), valid.addressPhone(), valid.bankName(),
                valid.bankAccount(), before.logo(), before.logoContentType(), valid.watermark(), false, actor, clock.now()));
        CompanyDetails after = current();
        log.info("Company profile saved by {}; {}", actor,
                after.complete() ? "complete" : "still missing " + CompanyProfileIncompleteException.names(after.missing()));
        return after;
    }

    /** Stores a PNG or JPEG logo (at most 512 KB) for the quote PDF. */
    @Transactional
    public CompanyDetails saveLogo(byte[] image, String actor) {
        String type = CompanyProfileValidator.logo(image);
        CompanyDetails d = current();
        repository.save(new CompanyDetails(d.sellerName(), d.taxNumber(), d.addressPhone(), d.bankName(), d.bankAccount(),
                image, type, d.watermark(), d.demo(), actor, clock.now()));
        log.info("Company logo ({}, {} bytes) saved by {}", type, image.length, actor);
        return current();
    }

    /** Removes the logo: quote PDFs then carry none. */
    @Transactional
    public CompanyDetails removeLogo(String actor) {
        CompanyDetails d = current();
        repository.save(new CompanyDetails(d.sellerName(), d.taxNumber(), d.addressPhone(), d.bankName(), d.bankAccount(),
                null, null, d.watermark(), d.demo(), actor, clock.now()));
        return current();
    }

    /** The demo set-up's company, only where nothing was entered yet (a restart never overwrites an admin's profile). */
    @Transactional
    boolean seedDemo(CompanyDetails demo) {
        if (repository.find().isPresent()) {
            return false;
        }
        repository.save(demo);
        return true;
    }
}
