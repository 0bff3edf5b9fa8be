package org.leadtocash.lead;

import java.math.BigDecimal;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.leadtocash.shared.EngineClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The lead feature's demo data (profile {@code demo} only), after the demo users exist: the sales roster and —
 * unless {@code leadtocash.demo.sample-data=false} — a handful of leads, a business trip, recent deals and customers
 * zhangwei already owns. Idempotent: a restart creates nothing twice.
 */
@Component
@ConditionalOnProperty(name = "leadtocash.demo.enabled", havingValue = "true")
class LeadDemoData {
    private static final Logger log = LoggerFactory.getLogger(LeadDemoData.class);

    static final List<SalesStaff> ROSTER = List.of(
            new SalesStaff("zhangwei", "张伟", SalesStaff.REP, "EAST", "13800000001", true, "limin", "wanglei"),
            new SalesStaff("lina", "李娜", SalesStaff.REP, "EAST", "13800000002", true, "limin", "wanglei"),
            new SalesStaff("wangfang", "王芳", SalesStaff.REP, "EAST", "13800000003", true, "limin", "wanglei"),
            new SalesStaff("chenjing", "陈静", SalesStaff.REP, "SOUTH", "13800000004", true, "limin", "wanglei"),
            new SalesStaff("liuyang", "刘洋", SalesStaff.REP, "SOUTH", "13800000005", true, "limin", "wanglei"),
            new SalesStaff("zhaoqiang", "赵强", SalesStaff.REP, "NORTH", "13800000006", true, "limin", "wanglei"),
            new SalesStaff("sunli", "孙丽", SalesStaff.REP, "NORTH", "13800000007", true, "limin", "wanglei"),
            new SalesStaff("limin", "李敏", SalesStaff.MANAGER, null, "13800000010", true),
            new SalesStaff("wanglei", "王磊", SalesStaff.DIRECTOR, null, "13800000020", true));

    private final SalesTeam salesTeam;
    private final LeadIntake intake;
    private final Customers customers;
    private final EngineClock clock;
    private final TransactionTemplate tx;
    private final boolean sampleData;

    LeadDemoData(SalesTeam salesTeam, LeadIntake intake, Customers customers, EngineClock clock, TransactionTemplate tx,
                 @Value("${leadtocash.demo.sample-data:true}") boolean sampleData) {
        this.salesTeam = salesTeam;
        this.intake = intake;
        this.customers = customers;
        this.clock = clock;
        this.tx = tx;
        this.sampleData = sampleData;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(10)
    public void setUp() {
        ROSTER.forEach(salesTeam::save);
        log.info("Demo sales roster ready: {}", ROSTER.stream().map(SalesStaff::userId).toList());
        if (sampleData) {
            tx.executeWithoutResult(s -> sampleData());
        }
    }

    private void sampleData() {
        var today = clock.today();
        if (salesTeam.trips("lina").isEmpty()) {
            salesTeam.addTripUnchecked("lina", today, today.plusDays(3), "深圳客户拜访 customer visits in Shenzhen");
            salesTeam.recordSignedDeal("zhangwei", null, new BigDecimal("268000.00"), "DEMO-DEAL-1", clock.now().minus(2, ChronoUnit.DAYS));
            salesTeam.recordSignedDeal("wangfang", null, new BigDecimal("56000.00"), "DEMO-DEAL-2", clock.now().minus(3, ChronoUnit.DAYS));
        }
        // customers zhangwei already owns, so he can quote straight away (and their new leads come to him)
        customers.ensureOwned(code("91330106MA2H2Q8T7"), "杭州云帆软件有限公司", "zhangwei");
        customers.ensureOwned(code("91320505MA1X8KQ93"), "苏州精工自动化有限公司", "zhangwei");
        customers.ensureOwned(code("91440300MA5G9RT36"), "深圳智芯硬件科技有限公司", "chenjing");
        lead("DEMO-WEB-1", LeadSource.WEBSITE_FORM, "杭州云帆软件有限公司", "91330106MA2H2Q8T7", "陈晓明", "13912345678", "EAST", "350000", "SaaS 年度订阅");
        lead("DEMO-WEB-2", LeadSource.WEBSITE_FORM, "深圳智芯硬件科技有限公司", "91440300MA5G9RT36", "林海", "0755-86012345", "SOUTH", "120000", "智能网关");
        lead("DEMO-QR-1", LeadSource.TRADE_SHOW_QR, "东莞精密模具有限公司", "91441900MA4W1XK20", "黄志强", "13622223333", "SOUTH", "480000", "模具维修服务");
        lead("DEMO-QR-2", LeadSource.TRADE_SHOW_QR, "济南华建建材有限公司", "91370100MA3C7PLE4", "孙伟", "15866667777", "NORTH", "30000", "建材报价系统");
        lead("DEMO-PHONE-1", LeadSource.PHONE_CALL, "上海申远物流有限公司", "91310115MA1K4BWY6", "王强", "021-62345678", "EAST", "80000", null);
    }

    private static String code(String first17) {
        return first17 + CreditCode.checkCharacter(first17);
    }

    private void lead(String externalId, LeadSource source, String company, String first17, String contact, String phone,
                      String region, String budget, String interest) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("externalId", externalId);
        body.put("source", source.name());
        body.put("companyName", company);
        body.put("creditCode", code(first17));
        body.put("contactName", contact);
        body.put("contactPhone", phone);
        body.put("region", region);
        body.put("budgetCny", new BigDecimal(budget));
        if (interest != null) {
            body.put("productInterest", interest);
        }
        intake.receive(body, source);
    }
}
