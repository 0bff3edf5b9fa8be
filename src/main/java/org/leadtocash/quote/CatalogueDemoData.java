package org.leadtocash.quote;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.leadtocash.shared.EngineClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo catalogue and clause texts (when {@code leadtocash.demo.enabled=true}, tests included): six products of a
 * mould and smart-hardware maker with their VAT rates, and a published text for every clause type, with two versions
 * of the locked IP-ownership and environmental clauses so the history is visible. The clause types themselves are
 * reference data (migration V3). Idempotent: what exists is left alone, so a restart, a second node or a legal
 * publication since the last start is never overwritten.
 */
@Component
@ConditionalOnProperty(name = "leadtocash.demo.enabled", havingValue = "true")
class CatalogueDemoData {
    private static final Logger log = LoggerFactory.getLogger(CatalogueDemoData.class);
    /** the demo legal user */
    static final String PUBLISHER = "zhoujie";

    static final List<Product> PRODUCTS = List.of(
            new Product("JM-200", "精密注塑模具", new BigDecimal("128000.00"), new BigDecimal("0.13"),
                    List.of("PAYMENT_TERMS", "TECHNICAL_AGREEMENT", "WARRANTY"), true),
            new Product("JM-350E", "精密冲压模具（出口型）", new BigDecimal("236000.00"),
                    new BigDecimal("0.13"), List.of("ENVIRONMENTAL", "PAYMENT_TERMS", "TECHNICAL_AGREEMENT", "WARRANTY"), true),
            new Product("GW-100", "智能网关", new BigDecimal("3980.00"), new BigDecimal("0.13"),
                    List.of("PAYMENT_TERMS", "WARRANTY"), true),
            new Product("SAAS-QT", "建材报价系统（SaaS年度订阅）", new BigDecimal("36000.00"),
                    new BigDecimal("0.06"), List.of("PAYMENT_TERMS", "TECHNICAL_AGREEMENT"), true),
            new Product("SV-MR12", "模具维修保养服务（12个月）", new BigDecimal("24000.00"),
                    new BigDecimal("0.06"), List.of("PAYMENT_TERMS", "WARRANTY"), true),
            new Product("IN-01", "现场安装调试服务", new BigDecimal("8800.00"),
                    new BigDecimal("0.09"), List.of("PAYMENT_TERMS"), true),
            new Product("JM-100", "注塑模具（已停产）", new BigDecimal("86000.00"), new BigDecimal("0.13"),
                    List.of("PAYMENT_TERMS", "WARRANTY"), false));

    record DemoClause(String type, int version, LocalDate effective, String text) {
    }

    static final List<DemoClause> CLAUSES = List.of(
            new DemoClause("TECHNICAL_AGREEMENT", 1, LocalDate.of(2025, 1, 1), """
                    一、产品的规格、型号、材质、精度及验收标准以双方签字确认的技术协议及图纸为准，技术协议为本合同不可分割的组成部分。
                    二、买方提供的产品图纸、三维数据及样件应完整准确；因买方资料错误或变更导致的返工、延期及费用由买方承担。
                    三、技术协议签署后任何一方提出技术变更，须以书面形式提出并经双方确认，交货期及价格相应调整。
                    四、卖方在交货前进行试模（试产），买方应在收到试模样品后七个工作日内书面确认；逾期未提出异议的，视为确认合格。"""),
            new DemoClause("PAYMENT_TERMS", 1, LocalDate.of(2025, 1, 1), """
                    一、合同签订后七个工作日内，买方支付合同总额的30%作为预付款；卖方收到预付款后开始排产。
                    二、货物发运前，买方支付合同总额的60%；卖方收到款项后安排发货。
                    三、余款10%作为质量保证金，于验收合格满十二个月后十个工作日内付清。
                    四、所有款项以银行转账方式支付至合同载明的卖方账户；卖方在收款后开具增值税专用发票。
                    五、买方逾期付款的，每逾期一日按应付未付金额的万分之五支付违约金。"""),
            new DemoClause("WARRANTY", 1, LocalDate.of(2025, 1, 1), """
                    一、质保期为验收合格之日起十二个月。质保期内因设计、材料或制造缺陷导致的故障，卖方负责免费维修或更换零部件。
                    二、因买方使用不当、超负荷生产、未按保养手册维护或擅自改装造成的损坏，不属于免费质保范围，卖方可提供有偿维修。
                    三、模具易损件（顶针、弹簧、密封件等）不在质保范围内。
                    四、质保期满后，卖方继续提供有偿维修服务，第二年起的维修保养费用按双方另行签订的服务协议执行。"""),
            new DemoClause("IP_OWNERSHIP", 1, LocalDate.of(2024, 1, 1), """
                    一、买方提供的图纸、样件及技术资料的知识产权归买方所有，卖方仅为履行本合同使用，不得向第三方披露或用于其他用途。
                    二、卖方在履行本合同前已拥有的技术、软件、工艺诀窍及其改进的知识产权归卖方所有。
                    三、双方应对在合作中知悉的对方商业秘密承担保密义务，保密期限为合同终止后三年。"""),
            new DemoClause("IP_OWNERSHIP", 2, LocalDate.of(2026, 1, 1), """
                    一、买方提供的图纸、样件、三维数据及技术资料的知识产权归买方所有，卖方仅为履行本合同使用，不得向第三方披露或用于其他用途。
                    二、卖方在履行本合同前已拥有的技术、软件、工艺诀窍及其改进的知识产权归卖方所有；卖方授予买方为使用、维护本合同产品所必需的非独占、不可转让的使用许可。
                    三、根据买方专门委托、由买方支付全部开发费用而形成的模具设计成果，其知识产权归买方所有，卖方保留署名权。
                    四、任何一方侵犯对方知识产权的，应赔偿对方因此遭受的全部损失，包括合理的律师费和诉讼费。
                    五、双方应对在合作中知悉的对方商业秘密承担保密义务，保密期限为合同终止后五年。"""),
            new DemoClause("FORCE_MAJEURE", 1, LocalDate.of(2024, 1, 1), """
                    一、不可抗力是指不能预见、不能避免且不能克服的客观情况，包括地震、台风、洪水、火灾、战争、政府行为、公共卫生事件等。
                    二、因不可抗力不能履行合同的，根据不可抗力的影响，部分或者全部免除责任，但法律另有规定的除外。
                    三、受影响方应在不可抗力发生后十日内书面通知对方，并在三十日内提供有关机构出具的证明。
                    四、不可抗力持续超过九十日的，任何一方有权书面通知对方解除合同，双方按已履行部分结算。"""),
            new DemoClause("ENVIRONMENTAL", 1, LocalDate.of(2025, 3, 1), """
                    一、卖方保证所供产品及其材料符合中华人民共和国环境保护相关法律法规及国家强制性标准。
                    二、出口产品应符合欧盟RoHS指令（2011/65/EU）关于有害物质限量的要求，卖方应随货提供第三方检测报告。"""),
            new DemoClause("ENVIRONMENTAL", 2, LocalDate.of(2026, 7, 1), """
                    一、卖方保证所供产品及其材料符合中华人民共和国环境保护相关法律法规及国家强制性标准。
                    二、出口产品应符合欧盟RoHS指令（2011/65/EU及其修订）关于有害物质限量的要求，以及REACH法规（EC 1907/2006）高度关注物质（SVHC）清单的通报义务，卖方应随货提供不超过十二个月的第三方检测报告。
                    三、产品包装材料应可回收，木质包装须经IPPC熏蒸或热处理并加施标识。
                    四、因产品不符合进口国环保要求导致货物被海关扣留、退运或罚款的，由卖方承担相应费用及损失，但因买方指定材料造成的除外。"""));

    private final CatalogueRepository products;
    private final ClauseRepository clauses;
    private final EngineClock clock;
    private final TransactionTemplate tx;

    public CatalogueDemoData(CatalogueRepository products, ClauseRepository clauses, EngineClock clock, TransactionTemplate tx) {
        this.products = products;
        this.clauses = clauses;
        this.clock = clock;
        this.tx = tx;
    }

    /** Before the other demo set-ups (lead data at order 10), so demo quotes find their products and clauses. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(5)
    public void load() {
        int added = 0;
        for (Product p : PRODUCTS) {
            added += once(() -> {
                if (products.exists(p.model())) {
                    return false;
                }
                products.insert(p);
                return true;
            });
        }
        for (DemoClause c : CLAUSES) {
            added += once(() -> {
                if (clauses.version(c.type(), c.version()).isPresent()) {
                    return false;
                }
                // published the working day before it took effect, 10:00 Beijing time
                Instant publishedAt = c.effective().minusDays(1).atTime(LocalTime.of(10, 0)).atZone(clock.zone()).toInstant();
                clauses.insert(c.type(), c.version(), c.effective(), c.text().strip(), PUBLISHER, publishedAt);
                return true;
            });
        }
        log.info("Demo catalogue ready: {} products, {} clause versions ({} added now)", PRODUCTS.size(), CLAUSES.size(), added);
    }

    /** One insert in its own transaction; another node inserting the same row at the same moment is fine. */
    private int once(java.util.function.BooleanSupplier insert) {
        try {
            return Boolean.TRUE.equals(tx.execute(s -> insert.getAsBoolean())) ? 1 : 0;
        } catch (DuplicateKeyException raced) {
            return 0;
        }
    }
}
