package org.leadtocash.lead;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo only: the business licence and store tier of the sample customers {@link LeadDemoData} gives its reps, so that
 * they can be quoted straight away (the tier on the customer decides the rebate). Idempotent: a customer whose licence
 * is recorded is left alone.
 */
@Component
@ConditionalOnProperty(name = "leadtocash.demo.enabled", havingValue = "true")
class CustomerDemoData {
    private static final Logger log = LoggerFactory.getLogger(CustomerDemoData.class);

    private record Sample(String first17, String name, String type, String legalRep, String capitalWan, String established,
                          String address, String scope, String tier) {
    }

    private static final List<Sample> SAMPLES = List.of(
            new Sample("91330106MA2H2Q8T7", "杭州云帆软件有限公司", "有限责任公司（自然人投资或控股）", "林云帆", "1000", "2016-08-12",
                    "浙江省杭州市西湖区文三路90号", "软件开发；信息技术咨询服务；日用百货销售", "KA"),
            new Sample("91320505MA1X8KQ93", "苏州精工自动化有限公司", "有限责任公司（自然人投资或控股）", "周精工", "500", "2018-03-20",
                    "江苏省苏州市虎丘区科灵路78号", "工业自动控制系统装置制造；五金产品零售", "CHAIN"),
            new Sample("91440300MA5G9RT36", "深圳智芯硬件科技有限公司", "有限责任公司", "黄智芯", "300", "2019-11-05",
                    "广东省深圳市南山区科技园南区", "电子产品销售；计算机软硬件开发", "DISTRIBUTOR"));

    private final CustomerBook book;
    private final CustomerRepository customers;
    private final boolean sampleData;

    CustomerDemoData(CustomerBook book, CustomerRepository customers, @Value("${leadtocash.demo.sample-data:true}") boolean sampleData) {
        this.book = book;
        this.customers = customers;
        this.sampleData = sampleData;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(11)
    public void setUp() {
        if (!sampleData) {
            return;
        }
        for (Sample s : SAMPLES) {
            String code = s.first17() + CreditCode.checkCharacter(s.first17());
            customers.findByCreditCode(code).filter(c -> !c.licenceRecorded()).ifPresent(c -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put(LicenceFields.CREDIT_CODE, code);
                fields.put(LicenceFields.COMPANY_NAME, s.name());
                fields.put(LicenceFields.COMPANY_TYPE, s.type());
                fields.put(LicenceFields.LEGAL_REPRESENTATIVE, s.legalRep());
                fields.put(LicenceFields.REGISTERED_CAPITAL, s.capitalWan());
                fields.put(LicenceFields.ESTABLISHED_ON, s.established());
                fields.put(LicenceFields.ADDRESS, s.address());
                fields.put(LicenceFields.BUSINESS_SCOPE, s.scope());
                fields.put(LicenceFields.STORE_TIER, s.tier());
                fields.put(LicenceFields.OWNER_ID, c.ownerId());
                book.register(fields, "demo");
                log.info("Demo customer {} has its business licence and store tier {}", s.name(), s.tier());
            });
        }
    }
}
