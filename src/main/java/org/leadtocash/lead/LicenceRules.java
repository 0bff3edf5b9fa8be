package org.leadtocash.lead;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.FormDates;
import org.springframework.stereotype.Component;

import static org.leadtocash.lead.LicenceFields.*;

/**
 * The rules of every licence field, shared by the API, the Tasklist start form and the CSV import: one
 * {@link FieldError} (field, rule, message in Chinese and English) per broken rule, all of them at once.
 */
@Component
class LicenceRules {
    static final BigDecimal MAX_CAPITAL_WAN = new BigDecimal("100000000");
    /** 1949-10-01: no licence in force today was issued earlier (older companies were re-registered). */
    static final LocalDate EARLIEST = LocalDate.of(1949, 10, 1);
    private static final Pattern CAPITAL = Pattern.compile("^([0-9][0-9,]*(?:\\.[0-9]+)?)\\s*(万元人民币|万人民币|万元|万)?$");
    private static final Pattern CHINESE_DATE = Pattern.compile("^(\\d{4})\\s*[年/.-]\\s*(\\d{1,2})\\s*[月/.-]\\s*(\\d{1,2})\\s*日?$");

    private final StoreTiers tiers;
    private final SalesTeam team;
    private final EngineClock clock;

    LicenceRules(StoreTiers tiers, SalesTeam team, EngineClock clock) {
        this.tiers = tiers;
        this.team = team;
        this.clock = clock;
    }

    /** @return the registration, or null when {@code errors} received at least one broken rule of these fields */
    CustomerRegistration check(Map<String, ?> fields, List<FieldError> errors) {
        int before = errors.size();
        String creditCode = text(fields.get(CREDIT_CODE));
        if (creditCode == null) {
            errors.add(required(CREDIT_CODE));
        } else {
            creditCode = creditCode.toUpperCase(java.util.Locale.ROOT);
            String problem = CreditCode.problem(creditCode);
            if (problem != null) {
                errors.add(new FieldError(CREDIT_CODE, "credit-code", "统一社会信用代码无效 invalid unified social credit code: " + problem));
            }
        }
        String name = text(fields.get(COMPANY_NAME), COMPANY_NAME, 200, errors);
        String type = text(fields.get(COMPANY_TYPE), COMPANY_TYPE, 100, errors);
        String legalRep = text(fields.get(LEGAL_REPRESENTATIVE), LEGAL_REPRESENTATIVE, 100, errors);
        BigDecimal capital = capital(fields.get(REGISTERED_CAPITAL), errors);
        LocalDate established = established(fields.get(ESTABLISHED_ON), errors);
        String address = text(fields.get(ADDRESS), ADDRESS, 300, errors);
        String scope = text(fields.get(BUSINESS_SCOPE), BUSINESS_SCOPE, 2000, errors);
        String tier = tier(fields.get(STORE_TIER), errors);
        String owner = owner(fields.get(OWNER_ID), errors);
        if (errors.size() > before) {
            return null;
        }
        return new CustomerRegistration(new BusinessLicence(creditCode, name, type, legalRep, capital, established, address,
                scope), tier, owner);
    }

    private static FieldError required(String field) {
        return new FieldError(field, "required", CHINESE.get(field) + "必填 " + field + " is required");
    }

    static String text(Object value) {
        if (value == null) {
            return null;
        }
        String s = value.toString().strip();
        return s.isEmpty() ? null : s;
    }

    private static String text(Object value, String field, int max, List<FieldError> errors) {
        String s = text(value);
        if (s == null) {
            errors.add(required(field));
        } else if (s.length() > max) {
            errors.add(new FieldError(field, "max-length", CHINESE.get(field) + "最多" + max + "个字符 must be at most " + max
                    + " characters"));
        } else if (s.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            errors.add(new FieldError(field, "printable", CHINESE.get(field) + "含有控制字符 contains control characters"));
        }
        return s;
    }

    /** 注册资本 in 万元: "500", "1,200.5", "500万元", "500万元人民币"; positive, at most 4 decimals (1 元). */
    static BigDecimal capital(Object value, List<FieldError> errors) {
        if (value instanceof BigDecimal d) {
            value = d.toPlainString();
        } else if (value instanceof Double || value instanceof Float) {
            value = BigDecimal.valueOf(((Number) value).doubleValue()).toPlainString();
        } else if (value instanceof Number n) {
            value = n.toString();
        }
        String s = text(value);
        if (s == null) {
            errors.add(required(REGISTERED_CAPITAL));
            return null;
        }
        Matcher m = CAPITAL.matcher(s);
        if (!m.matches()) {
            errors.add(new FieldError(REGISTERED_CAPITAL, "number", "注册资本须为万元数额，如 500 或 500万元 must be an amount in "
                    + "万元 (10,000 CNY), e.g. 500 or 500万元; got '" + s + "'"));
            return null;
        }
        BigDecimal v = new BigDecimal(m.group(1).replace(",", ""));
        if (v.signum() <= 0) {
            errors.add(new FieldError(REGISTERED_CAPITAL, "positive", "注册资本须大于0 must be greater than 0"));
            return null;
        }
        if (v.stripTrailingZeros().scale() > 4) {
            errors.add(new FieldError(REGISTERED_CAPITAL, "scale", "注册资本最多4位小数（精确到元）at most 4 decimals in 万元 (1 CNY)"));
            return null;
        }
        if (v.compareTo(MAX_CAPITAL_WAN) > 0) {
            errors.add(new FieldError(REGISTERED_CAPITAL, "max", "注册资本不超过 " + MAX_CAPITAL_WAN.toPlainString()
                    + " 万元 must be at most " + MAX_CAPITAL_WAN.toPlainString() + " 万元"));
            return null;
        }
        return v.setScale(4, RoundingMode.UNNECESSARY);
    }

    /** 成立日期: yyyy-MM-dd (or a form date / date-time), 2020/3/5, 2020年3月5日; not in the future, not before 1949-10-01. */
    private LocalDate established(Object value, List<FieldError> errors) {
        if (value == null || value.toString().isBlank()) {
            errors.add(required(ESTABLISHED_ON));
            return null;
        }
        LocalDate date;
        Matcher m = CHINESE_DATE.matcher(value.toString().strip());
        try {
            date = m.matches() ? LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))
                    : FormDates.parse(value, clock.zone());
        } catch (java.time.DateTimeException e) {
            errors.add(new FieldError(ESTABLISHED_ON, "date", "成立日期须为日期，如 2015-06-18 must be a date like 2015-06-18; got '"
                    + value + "'"));
            return null;
        }
        if (date.isAfter(clock.today())) {
            errors.add(new FieldError(ESTABLISHED_ON, "not-in-future", "成立日期不能晚于今天 must not be after today"));
            return null;
        }
        if (date.isBefore(EARLIEST)) {
            errors.add(new FieldError(ESTABLISHED_ON, "not-before-1949", "成立日期不能早于1949-10-01 must not be before 1949-10-01"));
            return null;
        }
        return date;
    }

    /** 门店等级: a tier of the deployed rebate decision (exact code, upper case; blanks around ignored). */
    String tier(Object value, List<FieldError> errors) {
        String s = text(value);
        List<String> known = tiers.codes();
        if (s == null) {
            errors.add(new FieldError(STORE_TIER, "required", "门店等级必填 storeTier is required; one of " + known));
            return null;
        }
        if (!known.contains(s)) {
            errors.add(new FieldError(STORE_TIER, "known-tier", "'" + s + "' 不是返利政策中的门店等级 is no tier of the rebate "
                    + "policy; use one of " + known));
            return null;
        }
        return s;
    }

    /** 负责销售 (optional): an active rep of the sales roster. */
    private String owner(Object value, List<FieldError> errors) {
        String s = text(value);
        if (s == null) {
            return null;
        }
        boolean activeRep = team.find(s).filter(m -> m.active() && SalesStaff.REP.equals(m.role())).isPresent();
        if (!activeRep) {
            errors.add(new FieldError(OWNER_ID, "active-rep", "'" + s + "' 不是在岗销售 is no active sales rep"));
            return null;
        }
        return s;
    }
}
