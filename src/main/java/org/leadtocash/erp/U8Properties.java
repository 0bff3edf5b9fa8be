package org.leadtocash.erp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code leadtocash.erp.u8.*}: the Yonyou U8 OpenAPI (用友U8开放平台) connection. An empty {@code base-url} means no U8
 * is configured (the demo): hand-offs record the payload as EXPORTED_NOT_SENT and send nothing. When the base URL is
 * set, from-account, to-account, app-key and app-secret must be set too (checked at start-up).
 *
 * @param baseUrl           e.g. {@code https://api.yonyouup.com}; the paths {@code /system/token},
 *                          {@code /system/tradeid} and {@code /api/saleinvoice/add} are appended
 * @param fromAccount       调用方id, the caller's account on the open platform
 * @param toAccount         提供方id, the enterprise account whose U8 receives the invoices
 * @param appKey            应用编码 of our app
 * @param appSecret         the app's secret; used only to get tokens, never logged
 * @param connectTimeout    TCP connect timeout of every call
 * @param requestTimeout    time to wait for each answer
 * @param voucherType       U8 {@code vouchertype}: 26 销售专用发票 (VAT special invoice, default), 27 销售普通发票
 * @param saleTypeCode      U8 {@code saletypecode}, the 销售类型 archive code (01 普通销售 in a standard set-up)
 * @param claimTimeout      an IN_FLIGHT attempt older than this is taken as crashed and taken over (resent with its
 *                          tradeid); at least 5 × requestTimeout, so a live attempt is never taken over
 * @param claimWait         how long a hand-off waits for another node handing off the same biz_id before giving up
 *                          with {@link HandOffInProgressException}
 * @param tokenErrcodes     errcodes meaning "token invalid or expired" (the token is fetched again once and the call
 *                          repeated); an errmsg naming the token ("token", "令牌") counts too
 * @param duplicateErrcodes errcodes with which this U8 answers a resubmission of a tradeid/biz_id it already
 *                          accepted, if it answers that way instead of repeating the first answer; such an answer counts
 *                          as accepted
 */
@ConfigurationProperties(prefix = "leadtocash.erp.u8")
public record U8Properties(@DefaultValue("") String baseUrl, @DefaultValue("") String fromAccount,
                          @DefaultValue("") String toAccount, @DefaultValue("") String appKey,
                          @DefaultValue("") String appSecret,
                          @DefaultValue("PT5S") Duration connectTimeout,
                          @DefaultValue("PT30S") Duration requestTimeout,
                          @DefaultValue("26") String voucherType,
                          @DefaultValue("01") String saleTypeCode,
                          @DefaultValue("PT5M") Duration claimTimeout,
                          @DefaultValue("PT30S") Duration claimWait,
                          @DefaultValue List<String> tokenErrcodes,
                          @DefaultValue List<String> duplicateErrcodes) {

    public U8Properties {
        baseUrl = strip(baseUrl);
        fromAccount = strip(fromAccount);
        toAccount = strip(toAccount);
        appKey = strip(appKey);
        appSecret = strip(appSecret);
        voucherType = strip(voucherType);
        saleTypeCode = strip(saleTypeCode);
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
        claimTimeout = claimTimeout == null ? Duration.ofMinutes(5) : claimTimeout;
        claimWait = claimWait == null ? Duration.ofSeconds(30) : claimWait;
        tokenErrcodes = tokenErrcodes == null ? List.of() : List.copyOf(tokenErrcodes);
        duplicateErrcodes = duplicateErrcodes == null ? List.of() : List.copyOf(duplicateErrcodes);
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
    }

    /** No U8: every hand-off is recorded as EXPORTED_NOT_SENT. */
    public static U8Properties notConfigured() {
        return new U8Properties("", "", "", "", "", null, null, "26", "01", null, null, null, null);
    }

    /** A U8 at {@code baseUrl} with the default timeouts and codes. */
    public static U8Properties of(String baseUrl, String fromAccount, String toAccount, String appKey,
                                  String appSecret) {
        return new U8Properties(baseUrl, fromAccount, toAccount, appKey, appSecret, null, null, "26", "01", null,
                null, null, null);
    }

    public U8Properties withTimeouts(Duration connect, Duration request) {
        return new U8Properties(baseUrl, fromAccount, toAccount, appKey, appSecret, connect, request, voucherType,
                saleTypeCode, claimTimeout, claimWait, tokenErrcodes, duplicateErrcodes);
    }

    public U8Properties withClaim(Duration timeout, Duration wait) {
        return new U8Properties(baseUrl, fromAccount, toAccount, appKey, appSecret, connectTimeout, requestTimeout,
                voucherType, saleTypeCode, timeout, wait, tokenErrcodes, duplicateErrcodes);
    }

    public U8Properties withDuplicateErrcodes(List<String> codes) {
        return new U8Properties(baseUrl, fromAccount, toAccount, appKey, appSecret, connectTimeout, requestTimeout,
                voucherType, saleTypeCode, claimTimeout, claimWait, tokenErrcodes, codes);
    }

    public boolean configured() {
        return !baseUrl.isEmpty();
    }

    /**
     * Fails when the base URL is set but other settings are missing or inconsistent.
     *
     * @throws IllegalStateException naming every bad setting
     */
    void check() {
        List<String> problems = new ArrayList<>();
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            problems.add("connect-timeout must be positive");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            problems.add("request-timeout must be positive");
        }
        if (claimWait.isNegative()) {
            problems.add("claim-wait must not be negative");
        }
        if (claimTimeout.compareTo(requestTimeout.multipliedBy(5)) < 0) {
            problems.add("claim-timeout (" + claimTimeout + ") must be at least 5 × request-timeout ("
                    + requestTimeout + "), or a live hand-off could be taken over");
        }
        if (configured()) {
            if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
                problems.add("base-url must start with http:// or https://");
            }
            requireSet(problems, "from-account", fromAccount);
            requireSet(problems, "to-account", toAccount);
            requireSet(problems, "app-key", appKey);
            requireSet(problems, "app-secret", appSecret);
            requireSet(problems, "voucher-type", voucherType);
            requireSet(problems, "sale-type-code", saleTypeCode);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid leadtocash.erp.u8 settings: " + String.join("; ", problems));
        }
    }

    @Override
    public String toString() {
        return "U8Properties[baseUrl=" + baseUrl + ", fromAccount=" + fromAccount + ", toAccount=" + toAccount
                + ", appKey=" + appKey + ", appSecret=" + (appSecret.isEmpty() ? "" : "(set)")
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout + ", voucherType="
                + voucherType + ", saleTypeCode=" + saleTypeCode + ", claimTimeout=" + claimTimeout
                + ", claimWait=" + claimWait + ", tokenErrcodes=" + tokenErrcodes + ", duplicateErrcodes="
                + duplicateErrcodes + "]";
    }

    private static void requireSet(List<String> problems, String name, String value) {
        if (value.isEmpty()) {
            problems.add(name + " must be set when base-url is set");
        }
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }
}
