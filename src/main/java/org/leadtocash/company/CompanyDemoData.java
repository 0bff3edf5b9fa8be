package org.leadtocash.company;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo company (when {@code leadtocash.demo.enabled=true}, tests included), so the demo makes quote PDFs and U8
 * hand-offs: an invented company, marked as demo data in the row ({@code demo}), in its address and in the PDF
 * watermark "演示数据 DEMO DATA". Only written where no profile exists: an administrator's profile is never overwritten.
 */
@Component
@ConditionalOnProperty(name = "leadtocash.demo.enabled", havingValue = "true")
class CompanyDemoData {
    private static final Logger log = LoggerFactory.getLogger(CompanyDemoData.class);
    static final String LOGO = "company/demo-logo.png";

    private final CompanyProfile profile;

    CompanyDemoData(CompanyProfile profile) {
        this.profile = profile;
    }

    /** The demo company; the logo is the demo's sailing-boat image. */
    static CompanyDetails demoProfile() {
        return new CompanyDetails("上海云帆智能科技有限公司 Lead-to-Cash Demo Co.", "91310115MA1K3YFANN",
                "上海市浦东新区张江路 88 号（演示数据 demo data） 021-5080 0000", "中国工商银行上海张江支行",
                "1001 2345 6789 0123 456", logo(), "image/png", "演示数据 DEMO DATA", true, "demo", Instant.EPOCH);
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(4)
    public void setUp() {
        if (profile.seedDemo(demoProfile())) {
            log.info("Demo company profile written (演示数据 demo data): replace it in Camunda Admin → 公司信息 Company profile");
        }
    }

    private static byte[] logo() {
        try (InputStream in = CompanyDemoData.class.getClassLoader().getResourceAsStream(LOGO)) {
            if (in == null) {
                throw new IllegalStateException("demo company: classpath resource " + LOGO + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
