package org.leadtocash.followup;

import org.leadtocash.lead.CreditCode;
import org.leadtocash.lead.Customer;
import org.leadtocash.lead.CustomerReached;
import org.leadtocash.lead.Customers;
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
 * The follow-up feature's demo data (profile {@code demo}, unless {@code leadtocash.demo.sample-data=false}), after the
 * lead feature's: three demo customers in the cadence — zhangwei's 杭州云帆 promised yesterday (its task appears in his
 * Tasklist once the job executor fires the timer), his 苏州精工 in three days, chenjing's 深圳智芯 in a week. Idempotent.
 */
@Component
@ConditionalOnProperty(name = "leadtocash.demo.enabled", havingValue = "true")
class FollowUpDemoData {
    private static final Logger log = LoggerFactory.getLogger(FollowUpDemoData.class);

    private final Customers customers;
    private final FollowUps followUps;
    private final FollowUpRepository repository;
    private final EngineClock clock;
    private final TransactionTemplate tx;
    private final boolean sampleData;

    FollowUpDemoData(Customers customers, FollowUps followUps, FollowUpRepository repository, EngineClock clock,
                     TransactionTemplate tx, @Value("${leadtocash.demo.sample-data:true}") boolean sampleData) {
        this.customers = customers;
        this.followUps = followUps;
        this.repository = repository;
        this.clock = clock;
        this.tx = tx;
        this.sampleData = sampleData;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(30)
    public void setUp() {
        if (!sampleData) {
            return;
        }
        tx.executeWithoutResult(s -> {
            inCadence("91330106MA2H2Q8T7", "杭州云帆软件有限公司", "zhangwei", -1, "客户在评估两家供应商，约定昨天回电");
            inCadence("91320505MA1X8KQ93", "苏州精工自动化有限公司", "zhangwei", 3, "已发产品资料");
            inCadence("91440300MA5G9RT36", "深圳智芯硬件科技有限公司", "chenjing", 7, "下周到访");
        });
        log.info("Demo follow-up cadence ready for 3 customers");
    }

    private void inCadence(String code17, String name, String owner, int promiseInDays, String notes) {
        Customer customer = customers.ensureOwned(code17 + CreditCode.checkCharacter(code17), name, owner);
        if (repository.find(customer.id()).isPresent() || !owner.equals(customer.ownerId())) {
            return;
        }
        followUps.on(new CustomerReached(customer.id(), customer.companyName(), owner, owner, null, clock.now(),
                clock.today().plusDays(promiseInDays), notes));
    }
}
