package org.leadtocash.lead;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names of the customer fields, the same in the API's JSON, the Tasklist form's keys (process variables) and the CSV
 * import's English header; the CSV may use the Chinese header instead.
 */
public final class LicenceFields {
    public static final String CREDIT_CODE = "creditCode";
    public static final String COMPANY_NAME = "companyName";
    public static final String COMPANY_TYPE = "companyType";
    public static final String LEGAL_REPRESENTATIVE = "legalRepresentative";
    public static final String REGISTERED_CAPITAL = "registeredCapital";
    public static final String ESTABLISHED_ON = "establishedOn";
    public static final String ADDRESS = "address";
    public static final String BUSINESS_SCOPE = "businessScope";
    public static final String STORE_TIER = "storeTier";
    public static final String OWNER_ID = "ownerId";

    /** Every field, in CSV column order, with its Chinese header. {@code ownerId} is optional in every input. */
    public static final Map<String, String> CHINESE = chinese();

    static final List<String> REQUIRED = List.of(CREDIT_CODE, COMPANY_NAME, COMPANY_TYPE, LEGAL_REPRESENTATIVE,
            REGISTERED_CAPITAL, ESTABLISHED_ON, ADDRESS, BUSINESS_SCOPE, STORE_TIER);

    private static Map<String, String> chinese() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(CREDIT_CODE, "统一社会信用代码");
        m.put(COMPANY_NAME, "名称");
        m.put(COMPANY_TYPE, "类型");
        m.put(LEGAL_REPRESENTATIVE, "法定代表人");
        m.put(REGISTERED_CAPITAL, "注册资本(万元)");
        m.put(ESTABLISHED_ON, "成立日期");
        m.put(ADDRESS, "住所");
        m.put(BUSINESS_SCOPE, "经营范围");
        m.put(STORE_TIER, "门店等级");
        m.put(OWNER_ID, "负责销售");
        return java.util.Collections.unmodifiableMap(m);
    }

    private LicenceFields() {
    }
}
