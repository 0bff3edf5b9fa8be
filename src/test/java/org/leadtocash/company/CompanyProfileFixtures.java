package org.leadtocash.company;

import java.time.Instant;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Company profile states for tests on the shared context: clear fields, then put the demo company back (every test
 * that changes the profile restores it in {@code @AfterEach}, since the other test classes print PDFs and invoices).
 */
@Component
public class CompanyProfileFixtures {
    private final CompanyProfileRepository repository;
    private final CompanyProfile profile;
    private final JdbcClient jdbc;

    CompanyProfileFixtures(CompanyProfileRepository repository, CompanyProfile profile, JdbcClient jdbc) {
        this.repository = repository;
        this.profile = profile;
        this.jdbc = jdbc;
    }

    /** The demo set-up's company, as at start. */
    public void restoreDemo() {
        repository.save(CompanyDemoData.demoProfile());
    }

    /** The current profile without these fields (as an install where nobody entered them). */
    public void without(CompanyField... fields) {
        Set<CompanyField> gone = Set.of(fields);
        CompanyDetails d = profile.current();
        repository.save(new CompanyDetails(
                gone.contains(CompanyField.SELLER_NAME) ? null : d.sellerName(),
                gone.contains(CompanyField.TAX_NUMBER) ? null : d.taxNumber(),
                gone.contains(CompanyField.ADDRESS_PHONE) ? null : d.addressPhone(),
                gone.contains(CompanyField.BANK_NAME) ? null : d.bankName(),
                gone.contains(CompanyField.BANK_ACCOUNT) ? null : d.bankAccount(),
                gone.contains(CompanyField.LOGO) ? null : d.logo(),
                gone.contains(CompanyField.LOGO) ? null : d.logoContentType(),
                gone.contains(CompanyField.WATERMARK) ? null : d.watermark(),
                d.demo(), "test", Instant.now()));
    }

    /** A fresh install: no profile row at all. */
    public void none() {
        jdbc.sql("DELETE FROM company_profile").update();
    }

    public CompanyDetails current() {
        return profile.current();
    }
}
