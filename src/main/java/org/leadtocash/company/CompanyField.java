package org.leadtocash.company;

import java.util.Arrays;
import java.util.List;

/**
 * The fields of the company profile, named as the API, the Admin form and every refusal name them: the JSON key, the
 * Chinese and the English label. The required ones are printed on quotes and invoices and sent to U8.
 */
public enum CompanyField {
    SELLER_NAME("sellerName", "销方名称", "seller name", true),
    TAX_NUMBER("taxNumber", "纳税人识别号", "taxpayer id", true),
    ADDRESS_PHONE("addressPhone", "地址电话", "address and phone", true),
    BANK_NAME("bankName", "开户行", "bank name", true),
    BANK_ACCOUNT("bankAccount", "银行账号", "bank account", true),
    LOGO("logo", "徽标", "logo", false),
    WATERMARK("watermark", "水印文字", "watermark text", false);

    private final String key;
    private final String zh;
    private final String en;
    private final boolean required;

    CompanyField(String key, String zh, String en, boolean required) {
        this.key = key;
        this.zh = zh;
        this.en = en;
        this.required = required;
    }

    public static List<CompanyField> required() {
        return Arrays.stream(values()).filter(CompanyField::isRequired).toList();
    }

    /** JSON key of the field, e.g. {@code sellerName}. */
    public String key() {
        return key;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }

    public boolean isRequired() {
        return required;
    }

    /** "销方名称 seller name (sellerName)" */
    public String label() {
        return zh + " " + en + " (" + key + ")";
    }
}
