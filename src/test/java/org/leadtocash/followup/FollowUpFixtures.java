package org.leadtocash.followup;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;

import org.leadtocash.lead.Customer;
import org.leadtocash.lead.CustomerReached;
import org.leadtocash.lead.Customers;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.support.TestData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Customers in the follow-up cadence for tests: through the real entry (a reached customer), or as hand-made rows. */
@Component
class FollowUpFixtures {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private final Customers customers;
    private final FollowUps followUps;
    private final EngineClock clock;
    private final JdbcClient jdbc;

    FollowUpFixtures(Customers customers, FollowUps followUps, EngineClock clock, JdbcClient jdbc) {
        this.customers = customers;
        this.followUps = followUps;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /** The rep reaches a new customer now and promises the next follow-up on {@code promise}: its cadence starts. */
    Customer reached(String rep, LocalDate promise) {
        Customer customer = customers.ensureOwned(TestData.creditCode(), "跟进测试有限公司" + SEQ.incrementAndGet(), rep);
        followUps.on(new CustomerReached(customer.id(), customer.companyName(), rep, rep, "LT-test-" + SEQ.get(), clock.now(),
                promise, "首次联系 first contact"));
        return customer;
    }

    /** A hand-made customer row (no process): owner, status, last contact, promise, lost at. */
    String row(String rep, String status, Instant lastContact, LocalDate promise, Instant lostAt) {
        String code = TestData.creditCode();
        String id = "fu-" + SEQ.incrementAndGet();
        jdbc.sql("INSERT INTO customer (id, credit_code, company_name, owner_id, owned_since, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, code, "手工客户" + SEQ.get(), rep, Timestamp.from(lastContact), Timestamp.from(lastContact)).update();
        jdbc.sql("INSERT INTO follow_up_customer (customer_id, company_name, rep_id, status, last_contact_at, next_follow_up_date, "
                        + "lost_at, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, "手工客户" + SEQ.get(), rep, status, Timestamp.from(lastContact), promise,
                        lostAt == null ? null : Timestamp.from(lostAt), Timestamp.from(lastContact)).update();
        return id;
    }
}
