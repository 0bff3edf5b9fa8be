package org.leadtocash.standin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.leadtocash.erp.U8Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Yonyou U8 OpenAPI for a sale-invoice hand-off, for unit tests and for the nodes of a cluster:
 * <ul>
 * <li>{@code GET /system/token?from_account&app_key&app_secret} issues tokens that expire after
 * {@link #tokenLifetime(Duration)} on the given clock; other calls refuse unknown, revoked or expired tokens with
 * errcode {@value #TOKEN_INVALID}.</li>
 * <li>{@code GET /system/tradeid?from_account&app_key&token} issues tradeids.</li>
 * <li>{@code POST /api/saleinvoice/add?from_account&to_account&app_key&token&tradeid&biz_id&sync=1} checks the
 * parameters and the body ({@code {"saleinvoice":{…,"entry":[…]}}}: voucher type, date, a customer of its archive,
 * person, lines whose money + tax = sum …), refuses a tradeid it did not issue or that already carried a different
 * request, and answers a repeat — the same tradeid with the same request, or (like U8) an accepted biz_id with any
 * tradeid — with the first answer, creating nothing. With {@link #bizIdDedup(boolean) bizIdDedup(false)} only the
 * caller's reuse of its tradeid keeps a resend from creating a second sale invoice. Like a U8 set up for this app, it
 * checks the seller's tax number in header custom item {@code define1} (销方税号) against its account's
 * ({@link #sellerTaxNumber(String)}).</li>
 * <li>{@code POST /api/customer/add?…&tradeid&biz_id&sync=1} with {@code {"customer":{"code","name",…}}} adds the code to
 * the customer archive; a repeat (same tradeid or biz_id) gets the first answer, a code the archive has from another
 * request is refused "客户编码…已存在". The archive starts with {@link #KNOWN_CUSTOMER}; a sale invoice for a code not in
 * it is refused ({@value #UNKNOWN_CUSTOMER}) unless {@link #knowEveryCustomer()}. Customer adds are not the "write":
 * an outage (503, closed port) meets them, held or dropped answers do not.</li>
 * </ul>
 * It counts the sale invoices created per biz_id ({@link #acceptedAdds()}), the number that must never reach 2. The
 * add is the {@link StandIn} write: it can be answered late, held back, dropped after processing or met by an outage.
 */
public final class U8StandIn extends StandIn {
    public static final String FROM = "l2c_from";
    public static final String TO = "test_yuanfeng_u8";
    public static final String APP_KEY = "opa0c1d2e3f4a5b6c7d";
    public static final String APP_SECRET = "f00dbabe5ecret";
    public static final String KNOWN_CUSTOMER = "91310000MA1K4QX15A";
    public static final String TOKEN_INVALID = "20002";
    public static final String UNKNOWN_CUSTOMER = "30102";
    /** The tax number of the U8 account: the demo company's, which app tests run with. */
    public static final String SELLER_TAX_NUMBER = "91310115MA1K3YFANN";
    public static final String CUSTOMER_EXISTS = "30201";

    /** An add that arrived and was not answered yet. */
    public record InFlight(String node, String bizId, String tradeId) {
    }

    /** A tradeid's first request and U8's answer to it. */
    private record TradeUse(String bizId, JsonNode body, String answer, boolean accepted) {
    }

    private record Voucher(String id, String answer) {
    }

    private final Clock clock;
    private final Map<String, Instant> tokens = new HashMap<>();
    private final Set<String> tradeIds = new HashSet<>();
    private final Map<String, TradeUse> tradeUses = new HashMap<>();
    private final Map<String, Voucher> vouchers = new HashMap<>();
    private final Map<String, Integer> acceptedAdds = new LinkedHashMap<>();
    private final Map<String, Integer> addCalls = new LinkedHashMap<>();
    private final List<JsonNode> acceptedBodies = new ArrayList<>();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicInteger tradeIdRequests = new AtomicInteger();
    private final AtomicInteger processedAdds = new AtomicInteger();
    private final AtomicInteger voucherSeq = new AtomicInteger(1000);
    private Duration tokenLifetime = Duration.ofSeconds(7200);
    private boolean bizIdDedup = true;
    private boolean anyCustomer;
    private String sellerTaxNumber = SELLER_TAX_NUMBER;
    private final Map<String, String> archive = new LinkedHashMap<>();
    private final Map<String, String> customerAnswers = new HashMap<>();
    private final Map<String, Integer> customerAdds = new LinkedHashMap<>();
    private final List<JsonNode> customerBodies = new ArrayList<>();
    private boolean dropNextAccepted;
    private String[] repeatAnswer;

    public U8StandIn() {
        this(Clock.systemUTC());
    }

    /** A U8 whose tokens expire on this clock. */
    public U8StandIn(Clock clock) {
        // like U8: JSON in a text/html answer
        super("text/html; charset=utf-8", "/api/saleinvoice/add", "/system/token", "/system/tradeid", "/api/customer/add");
        this.clock = clock;
        archive.put(KNOWN_CUSTOMER, "");
    }

    /** Settings of a U8 hand-off that calls this stand-in. */
    public U8Properties properties() {
        return U8Properties.of(url(), FROM, TO, APP_KEY, APP_SECRET);
    }

    // ---- what the test can tell it

    public synchronized void tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
    }

    public synchronized void bizIdDedup(boolean on) {
        this.bizIdDedup = on;
    }

    /** Every customer code is in the archive, not only {@link #KNOWN_CUSTOMER} (for customers made on the fly). */
    public synchronized void knowEveryCustomer() {
        anyCustomer = true;
    }

    /** The tax number of the U8 account, which every sale invoice's {@code define1} must carry. */
    public synchronized void sellerTaxNumber(String taxNumber) {
        this.sellerTaxNumber = taxNumber;
    }

    /** The next sale-invoice add is answered with this errcode, unprocessed. */
    public void rejectNext(String errcode, String errmsg) {
        answerNextWith(200, error(errcode, errmsg));
    }

    /** The next sale-invoice add that U8 accepts gets no answer: the connection is dropped after accepting. */
    public synchronized void crashAfterAcceptingNextAdd() {
        dropNextAccepted = true;
    }

    /** Every issued token becomes invalid. */
    public synchronized void revokeTokens() {
        tokens.clear();
    }

    /** Repeats of an accepted request are answered with this errcode instead of the first answer. */
    public synchronized void answerRepeatsWith(String errcode, String errmsg) {
        repeatAnswer = new String[] {errcode, errmsg};
    }

    // ---- what the test can ask

    public int tokenRequests() {
        return tokenRequests.get();
    }

    public int tradeIdRequests() {
        return tradeIdRequests.get();
    }

    /** Sale-invoice add requests that arrived, canned answers included. */
    public int adds() {
        return writes().size();
    }

    /** The bodies of every sale-invoice add request that arrived, oldest first. */
    public List<JsonNode> addBodies() {
        return writes().stream().map(r -> {
            try {
                return r.json();
            } catch (IOException e) {
                return JSON.getNodeFactory().textNode(r.body());
            }
        }).toList();
    }

    /** Sale invoices created for the biz_id. */
    public synchronized int acceptedAdds(String bizId) {
        return acceptedAdds.getOrDefault(bizId, 0);
    }

    /** Sale invoices created per biz_id. */
    public synchronized Map<String, Integer> acceptedAdds() {
        return new LinkedHashMap<>(acceptedAdds);
    }

    /** Sale-invoice adds for the biz_id that passed the token and tradeid checks, repeats included. */
    public synchronized int addCalls(String bizId) {
        return addCalls.getOrDefault(bizId, 0);
    }

    public synchronized Map<String, Integer> addCalls() {
        return new LinkedHashMap<>(addCalls);
    }

    /** Customers the archive holds, {@link #KNOWN_CUSTOMER} included. */
    public synchronized Set<String> customerArchive() {
        return new java.util.LinkedHashSet<>(archive.keySet());
    }

    /** Customers created in the archive per code by {@code customer/add} (repeats not counted). */
    public synchronized Map<String, Integer> customerAdds() {
        return new LinkedHashMap<>(customerAdds);
    }

    /** The bodies of the customer adds that created a customer, oldest first. */
    public synchronized List<JsonNode> customerBodies() {
        return List.copyOf(customerBodies);
    }

    public synchronized String voucherId(String bizId) {
        Voucher v = vouchers.get(bizId);
        return v == null ? null : v.id();
    }

    public synchronized List<JsonNode> acceptedBodies() {
        return List.copyOf(acceptedBodies);
    }

    /** Adds of the node that arrived and were not answered yet. */
    public List<InFlight> inFlightAdds(String node) {
        return inFlight(node).stream().map(r -> new InFlight(r.node(), r.query("biz_id"), r.query("tradeid"))).toList();
    }

    /** Waits until this many sale-invoice adds were processed. */
    public void awaitProcessedAdds(int count, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (processedAdds.get() < count) {
            if (System.nanoTime() > end) {
                throw new AssertionError("U8 processed " + processedAdds.get() + " adds, expected " + count);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    // ---- the API

    @Override
    protected synchronized Answer answer(Request r) {
        if (r.path().equals("/system/token") && r.method().equals("GET")) {
            tokenRequests.incrementAndGet();
            return reply(token(r));
        }
        if (r.path().equals("/system/tradeid") && r.method().equals("GET")) {
            tradeIdRequests.incrementAndGet();
            return reply(tradeId(r));
        }
        if (r.path().equals("/api/customer/add") && r.method().equals("POST")) {
            return reply(addCustomer(r));
        }
        if (r.method().equals("POST")) {
            String answer = add(r);
            processedAdds.incrementAndGet();
            return answer == null ? null : reply(answer);
        }
        return new Answer(404, "<html><body>404 Not Found</body></html>");
    }

    private String token(Request r) {
        if (!FROM.equals(r.query("from_account")) || !APP_KEY.equals(r.query("app_key"))
                || !APP_SECRET.equals(r.query("app_secret"))) {
            return error("20001", "应用不存在或app_secret错误 app key or secret wrong");
        }
        String id = UUID.randomUUID().toString().replace("-", "");
        tokens.put(id, clock.instant().plus(tokenLifetime));
        ObjectNode answer = JSON.createObjectNode().put("errcode", "0").put("errmsg", "");
        answer.putObject("token").put("id", id).put("appKey", APP_KEY).put("expiresIn", tokenLifetime.toSeconds());
        return answer.toString();
    }

    private String tradeId(Request r) {
        if (!FROM.equals(r.query("from_account")) || !APP_KEY.equals(r.query("app_key"))) {
            return error("20001", "from_account或app_key错误");
        }
        if (!validToken(r.query("token"))) {
            return error(TOKEN_INVALID, "token无效或已过期 token invalid or expired");
        }
        String id = UUID.randomUUID().toString().replace("-", "");
        tradeIds.add(id);
        ObjectNode answer = JSON.createObjectNode().put("errcode", "0").put("errmsg", "成功");
        answer.putObject("trade").put("id", id);
        return answer.toString();
    }

    /**
     * U8's checks of every write call, in its order: accounts and app key, token, trade id, biz_id, sync=1 and a JSON
     * body. The error answer, or null when the call passes them.
     */
    private String writeRefusal(Request r) {
        if (!FROM.equals(r.query("from_account")) || !TO.equals(r.query("to_account"))
                || !APP_KEY.equals(r.query("app_key"))) {
            return error("20001", "from_account、to_account或app_key错误");
        }
        if (!validToken(r.query("token"))) {
            return error(TOKEN_INVALID, "token无效或已过期 token invalid or expired");
        }
        String tradeId = r.query("tradeid");
        if (tradeId == null || !tradeIds.contains(tradeId)) {
            return error("20003", "交易号无效 unknown tradeid");
        }
        String bizId = r.query("biz_id");
        if (bizId == null || bizId.isBlank()) {
            return error("20004", "biz_id不能为空");
        }
        if (!"1".equals(r.query("sync"))) {
            return error("20007", "测试服务只支持同步调用 sync=1 expected");
        }
        try {
            r.json();
        } catch (IOException e) {
            return error("20005", "报文不是合法的JSON");
        }
        return null;
    }

    /** The body of a call {@link #writeRefusal} passed, so it is JSON. */
    private static JsonNode parsedBody(Request r) {
        try {
            return r.json();
        } catch (IOException e) {
            throw new UncheckedIOException("the body was read as JSON before", e);
        }
    }

    /** The answer to a sale-invoice add, or null when the connection is to be dropped instead. */
    private String add(Request r) {
        String refused = writeRefusal(r);
        if (refused != null) {
            return refused;
        }
        String tradeId = r.query("tradeid");
        String bizId = r.query("biz_id");
        JsonNode json = parsedBody(r);
        addCalls.merge(bizId, 1, Integer::sum);
        TradeUse use = tradeUses.get(tradeId);
        if (use != null) {
            if (!use.bizId().equals(bizId) || !use.body().equals(json)) {
                return error("20006", "交易号已被其他请求使用 tradeid already used by another request");
            }
            if (use.accepted()) {
                return repeat(use.answer());
            }
        }
        if (bizIdDedup && vouchers.containsKey(bizId)) {
            return repeat(vouchers.get(bizId).answer());
        }
        String problem = check(json);
        if (problem != null) {
            String[] parts = problem.split("\\|", 2);
            String answer = error(parts[0], parts[1]);
            tradeUses.put(tradeId, new TradeUse(bizId, json, answer, false));
            return answer;
        }
        String id = String.valueOf(voucherSeq.incrementAndGet());
        String answer = JSON.createObjectNode().put("errcode", "0").put("errmsg", "").put("id", id)
                .put("tradeid", tradeId).toString();
        tradeUses.put(tradeId, new TradeUse(bizId, json, answer, true));
        vouchers.put(bizId, new Voucher(id, answer));
        acceptedAdds.merge(bizId, 1, Integer::sum);
        acceptedBodies.add(json);
        boolean drop = dropNextAccepted;
        dropNextAccepted = false;
        return drop ? null : answer;
    }

    /** The answer to a customer add: U8's parameter checks, then the archive. */
    private String addCustomer(Request r) {
        String refused = writeRefusal(r);
        if (refused != null) {
            return refused;
        }
        String tradeId = r.query("tradeid");
        String bizId = r.query("biz_id");
        JsonNode json = parsedBody(r);
        String earlier = customerAnswers.get("trade:" + tradeId);
        if (earlier == null) {
            earlier = customerAnswers.get("biz:" + bizId);
        }
        if (earlier != null) {
            return earlier;
        }
        JsonNode customer = json.get("customer");
        if (customer == null || !customer.isObject()) {
            return error("20005", "报文缺少customer");
        }
        String code = customer.path("code").asText("");
        if (code.isBlank()) {
            return error("30200", "客户编码code不能为空");
        }
        if (customer.path("name").asText("").isBlank() || customer.path("abbrname").asText("").isBlank()) {
            return error("30202", "客户名称name和客户简称abbrname不能为空");
        }
        if (archive.containsKey(code)) {
            return error(CUSTOMER_EXISTS, "客户编码[" + code + "]已存在");
        }
        archive.put(code, customer.path("name").asText());
        customerAdds.merge(code, 1, Integer::sum);
        customerBodies.add(json);
        String answer = JSON.createObjectNode().put("errcode", "0").put("errmsg", "").put("id", code)
                .put("tradeid", tradeId).toString();
        customerAnswers.put("trade:" + tradeId, answer);
        customerAnswers.put("biz:" + bizId, answer);
        return answer;
    }

    private String repeat(String firstAnswer) {
        return repeatAnswer == null ? firstAnswer : error(repeatAnswer[0], repeatAnswer[1]);
    }

    /** "errcode|errmsg" of the first broken rule, or null. */
    private String check(JsonNode json) {
        JsonNode inv = json.get("saleinvoice");
        if (inv == null || !inv.isObject()) {
            return "20005|报文缺少saleinvoice";
        }
        String type = inv.path("vouchertype").asText("");
        if (!type.equals("26") && !type.equals("27")) {
            return "30101|单据类型vouchertype必须是26或27";
        }
        if (inv.path("saletypecode").asText("").isBlank()) {
            return "30100|销售类型saletypecode不能为空";
        }
        try {
            LocalDate.parse(inv.path("date").asText(""));
        } catch (DateTimeParseException e) {
            return "30103|单据日期date格式错误";
        }
        String customer = inv.path("customercode").asText("");
        String seller = inv.path("define1").asText("");
        if (seller.isBlank()) {
            return "30111|销方税号define1不能为空";
        }
        if (!seller.equals(sellerTaxNumber)) {
            return "30112|销方税号[" + seller + "]与账套纳税人识别号[" + sellerTaxNumber + "]不一致";
        }
        if (!anyCustomer && !archive.containsKey(customer)) {
            return UNKNOWN_CUSTOMER + "|客户编码[" + customer + "]在客户档案中不存在";
        }
        if (inv.path("personcode").asText("").isBlank()) {
            return "30104|业务员personcode不能为空";
        }
        JsonNode entries = inv.get("entry");
        if (entries == null || !entries.isArray() || entries.isEmpty()) {
            return "30105|表体entry不能为空";
        }
        for (int i = 0; i < entries.size(); i++) {
            JsonNode e = entries.get(i);
            String at = "第" + (i + 1) + "行";
            if (e.path("inventorycode").asText("").isBlank()) {
                return "30106|" + at + "存货编码inventorycode不能为空";
            }
            BigDecimal quantity = number(e, "quantity");
            BigDecimal money = number(e, "money");
            BigDecimal tax = number(e, "tax");
            BigDecimal sum = number(e, "sum");
            BigDecimal originalMoney = number(e, "originalmoney");
            BigDecimal originalTax = number(e, "originaltax");
            BigDecimal originalSum = number(e, "originalsum");
            BigDecimal rate = number(e, "taxrate");
            if (quantity == null || quantity.signum() <= 0) {
                return "30107|" + at + "数量quantity必须大于0";
            }
            if (money == null || tax == null || sum == null || originalMoney == null || originalTax == null
                    || originalSum == null || rate == null) {
                return "30108|" + at + "金额、税额、价税合计或税率不能为空";
            }
            if (money.add(tax).compareTo(sum) != 0 || originalMoney.add(originalTax).compareTo(originalSum) != 0) {
                return "30109|" + at + "无税金额+税额不等于价税合计";
            }
            if (sum.compareTo(originalSum) != 0) {
                return "30110|" + at + "本币价税合计与原币不一致";
            }
        }
        return null;
    }

    private static BigDecimal number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return new BigDecimal(v.asText());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private boolean validToken(String token) {
        Instant expiresAt = token == null ? null : tokens.get(token);
        return expiresAt != null && clock.instant().isBefore(expiresAt);
    }

    /** U8 answers with HTTP 200 and an errcode, "0" when it did what was asked. */
    private Answer reply(String body) {
        try {
            return JSON.readTree(body).path("errcode").asText().equals("0") ? new Answer(200, body) : refuse(200, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** U8's error answer: HTTP 200 with an errcode. */
    public static String error(String errcode, String errmsg) {
        return JSON.createObjectNode().put("errcode", errcode).put("errmsg", errmsg).toString();
    }
}
