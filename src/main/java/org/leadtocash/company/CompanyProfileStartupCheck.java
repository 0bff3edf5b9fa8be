package org.leadtocash.company;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Says at start-up, in one WARN line, which company profile fields are missing (after any demo data is written), so
 * whoever starts a fresh install learns it before a rep's quote PDF is refused.
 */
@Component
class CompanyProfileStartupCheck {
    private static final Logger log = LoggerFactory.getLogger(CompanyProfileStartupCheck.class);

    private final CompanyProfile profile;

    CompanyProfileStartupCheck(CompanyProfile profile) {
        this.profile = profile;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(50)
    public void check() {
        CompanyDetails d = profile.current();
        if (!d.complete()) {
            log.warn("公司信息不完整 Company profile incomplete, missing {}: quote PDFs, invoice requests and U8 hand-offs "
                    + "are refused until {}", CompanyProfileIncompleteException.names(d.missing()),
                    CompanyProfileIncompleteException.WHERE_TO_FIX);
        } else if (d.demo()) {
            log.info("公司信息是演示数据 The company profile is the demo company (演示数据 demo data): replace it before real use");
        }
    }
}
