package org.leadtocash.lead;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sales regions as data (table {@code region}): intake accepts a lead of an active region, the routing table and
 * assignment use the code as the team. Adding a region is a sales-ops action in the Sales team page; a lead of a region
 * that no routing row names goes to that region's team by workload.
 */
@Service
public class Regions {
    /** 2–10 capital letters, digits or underscores, starting with a letter: fits the region columns and reads in a DMN cell. */
    static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,9}");
    private final JdbcClient jdbc;
    private final EngineClock clock;

    public Regions(JdbcClient jdbc, EngineClock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public List<Region> all() {
        return jdbc.sql("SELECT code, name, active FROM region ORDER BY created_at NULLS FIRST, code")
                .query((rs, row) -> new Region(rs.getString("code"), rs.getString("name"), rs.getBoolean("active"))).list();
    }

    public List<String> activeCodes() {
        return jdbc.sql("SELECT code FROM region WHERE active = TRUE ORDER BY code").query(String.class).list();
    }

    public Optional<Region> find(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT code, name, active FROM region WHERE code = :code").param("code", code)
                .query((rs, row) -> new Region(rs.getString("code"), rs.getString("name"), rs.getBoolean("active"))).optional();
    }

    public boolean isActive(String code) {
        return find(code).map(Region::active).orElse(false);
    }

    /** The region's Chinese name for messages, or its code when it has none (or no longer exists). */
    public String nameOf(String code) {
        return find(code).map(Region::name).orElse(code);
    }

    /** Adds a region, or changes the name and active flag of an existing one (same code). */
    @Transactional
    public Region save(String codeText, String nameText, boolean active, String by) {
        List<FieldError> errors = new ArrayList<>();
        String code = codeText == null ? "" : codeText.strip().toUpperCase(Locale.ROOT);
        if (code.isEmpty()) {
            errors.add(new FieldError("code", "required", "请填写区域代码 the region code is required"));
        } else if (!CODE.matcher(code).matches()) {
            errors.add(new FieldError("code", "region-code",
                    "区域代码为2–10位大写字母、数字或下划线，以字母开头 2–10 capital letters, digits or _, starting with a letter (e.g. SOUTHWEST)"));
        }
        String name = nameText == null ? "" : nameText.strip();
        if (name.isEmpty()) {
            errors.add(new FieldError("name", "required", "请填写区域名称 the region name is required (e.g. 西南)"));
        } else if (name.length() > 50) {
            errors.add(new FieldError("name", "max-length", "最多50字 at most 50 characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Instant now = clock.now();
        int updated = jdbc.sql("UPDATE region SET name = :name, active = :active WHERE code = :code")
                .param("name", name).param("active", active).param("code", code).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO region (code, name, active, created_by, created_at) VALUES (:code, :name, :active, :by, :at)")
                    .param("code", code).param("name", name).param("active", active).param("by", by)
                    .param("at", LeadRepository.ts(now)).update();
        }
        return new Region(code, name, active);
    }
}
