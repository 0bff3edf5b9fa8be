package org.leadtocash.quote;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Clause types only tests publish to, so the demo library other test classes rely on is never changed by them.
 * Neither applies to all quotes, so no quote of another test picks them up.
 */
final class ClauseTestTypes {
    static final String LOCKED = "TEST_LOCKED";
    static final String OPEN = "TEST_OPEN";

    static void recreate(JdbcClient jdbc) {
        drop(jdbc);
        jdbc.sql("INSERT INTO clause_type (code, name, locked, applies_to_all) VALUES (?, '测试锁定条款 Test locked clause', TRUE, FALSE)")
                .param(LOCKED).update();
        jdbc.sql("INSERT INTO clause_type (code, name, locked, applies_to_all) VALUES (?, '测试普通条款 Test open clause', FALSE, FALSE)")
                .param(OPEN).update();
    }

    static void drop(JdbcClient jdbc) {
        jdbc.sql("DELETE FROM product_clause_type WHERE clause_type LIKE 'TEST\\_%' ESCAPE '\\'").update();
        jdbc.sql("DELETE FROM clause_version WHERE type_code LIKE 'TEST\\_%' ESCAPE '\\'").update();
        jdbc.sql("DELETE FROM clause_type WHERE code LIKE 'TEST\\_%' ESCAPE '\\'").update();
    }

    private ClauseTestTypes() {
    }
}
