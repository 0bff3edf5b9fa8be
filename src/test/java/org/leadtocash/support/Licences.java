package org.leadtocash.support;

import java.util.LinkedHashMap;
import java.util.Map;

import org.leadtocash.lead.LicenceFields;

/** Valid business-licence fields (营业执照) for the customer book, as the API, the form and the import take them. */
public final class Licences {

    private Licences() {
    }

    /** A complete licence of the company with this credit code, name and store tier; tweak with put/remove. */
    public static Map<String, Object> licence(String creditCode, String companyName, String storeTier) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(LicenceFields.CREDIT_CODE, creditCode);
        m.put(LicenceFields.COMPANY_NAME, companyName);
        m.put(LicenceFields.COMPANY_TYPE, "有限责任公司（自然人投资或控股）");
        m.put(LicenceFields.LEGAL_REPRESENTATIVE, "王建国");
        m.put(LicenceFields.REGISTERED_CAPITAL, "500");
        m.put(LicenceFields.ESTABLISHED_ON, "2015-06-18");
        m.put(LicenceFields.ADDRESS, "上海市浦东新区张江路88号");
        m.put(LicenceFields.BUSINESS_SCOPE, "日用百货、食品销售；货物进出口。");
        m.put(LicenceFields.STORE_TIER, storeTier);
        return m;
    }
}
