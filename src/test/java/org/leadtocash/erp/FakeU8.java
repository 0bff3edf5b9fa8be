package org.leadtocash.erp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 that behaves like the Yonyou U8 OpenAPI for a sale-invoice hand-off:
 * <ul>
 * <li>{@code GET /system/token?from_account&app_key&app_secret} issues tokens that expire after
 * {@link #tokenLifetime(Duration)} on the shared clock; other calls refuse unknown, revoked or expired tokens with
 * errcode {@value #TOKEN_INVALID} and an errmsg naming the token.</li>
 * <li>{@code GET /system/tradeid?from_account&app_key&token} issues tradeids.</li>
 * <li>{@code POST /api/saleinvoice/add?from_account&to_account&app_key&token&tradeid&biz_id&sync=1} checks the
 * parameters and the body ({@code {"saleinvoice":{…,"entry":[…]}}}: voucher type, date, a customer code from its
 * customer archive, person, lines whose money + tax = sum …), refuses a tradeid it did not issue or that already
 * carried a different request, and answers a repeat — the same tradeid with the same request, or (like U8) an accepted
 * biz_id with any tradeid — with the first answer, creating nothing. {@link #bizIdDedup(boolean) bizIdDedup(false)}
 * switches the biz_id check off, so only the caller's tradeid reuse keeps a resend from creating a second invoice.</li>
 * </ul>
 * It counts sale invoices created per biz_id ({@link #acceptedAdds}), which must never reach 2. It can be told to
 * answer the next add with an HTTP error or any body, to answer late (and still process it), to accept and then drop
 * the connection, to revoke every token, or to answer repeats with an error code.
 */
final class FakeU8 implements AutoCloseable {
    static final String FROM = "l2c_from";
    static final String TO = "test_yuanfeng_u8";
    static final String APP_KEY = "opa0c1d2e3f4a5b6c7d";
    static final String APP_SECRET = "f00dbabe5ecret";
    static final String KNOWN_CUSTOMER = "91310000MA1K4QX15A";
    static final String TOKEN_INVALID = "20002";
    static final String UNKNOWN_CUSTOMER = "30102";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private record Issued(String token, Instant expiresAt) {
    }

    /** A tradeid's first request and U8's answer to it. */
    private record TradeUse(String bizId, JsonNode body, String answer, boolean accepted) {
    }

    private record Voucher(String id, String tradeId, String answer) {
    }

    private record Canned(int status, String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Clock clock;
    private final Set<String> customers = new HashSet<>(Set.of(KNOWN_CUSTOMER));
    private final Map<String, Issued> tokens = new HashMap<>();
    private final Set<String> issuedTradeIds = new HashSet<>();
    private final Map<String, TradeUse> tradeUses = new HashMap<>();
    private final Map<String, Voucher> accepted = new HashMap<>();
    private final Map<String, Integer> acceptedAdds = new LinkedHashMap<>();
    private final Map<String, Integer> addCalls = new LinkedHashMap<>();
    private final List<JsonNode> acceptedBodies = new ArrayList<>();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicInteger tradeIdRequests = new AtomicInteger();
    private final AtomicInteger processedAdds = new AtomicInteger();
    private final AtomicInteger voucherSeq = new AtomicInteger(1000);
    private Duration tokenLifetime = Duration.ofSeconds(7200);
    private boolean bizIdDedup = true;
    private Canned nextAddAnswer;
    private Duration nextAddDelay = Duration.ZERO;
    private Duration everyAddDelay = Duration.ZERO;
    private boolean dropNextAcceptedAnswer;
    private String[] duplicateAnswer;

    FakeU8(Clock clock) {
        this.clock = clock;
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-u8");
            t.setDaemon(true);
            return t;
        });
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    U8Properties properties() {
        return U8Properties.of(baseUrl(), FROM, TO, APP_KEY, APP_SECRET);
    }

    // ---- what the test can tell it

    synchronized void tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
    }

    synchronized void bizIdDedup(boolean on) {
        this.bizIdDedup = on;
    }

    synchronized void addCustomer(String code) {
        customers.add(code);
    }

    /** The next saleinvoice/add is answered with this, unprocessed. */
    synchronized void answerNextAddWith(int status, String body) {
        nextAddAnswer = new Canned(status, body);
    }

    /** The next saleinvoice/add is processed only after this long (the caller may have timed out). */
    synchronized void delayNextAdd(Duration delay) {
        nextAddDelay = delay;
    }

    synchronized void delayEveryAdd(Duration delay) {
        everyAddDelay = delay;
    }

    /** The next saleinvoice/add that U8 accepts gets no answer: the connection is dropped after accepting. */
    synchronized void crashAfterAcceptingNextAdd() {
        dropNextAcceptedAnswer = true;
    }

    /** Every issued token becomes invalid. */
    synchronized void revokeTokens() {
        tokens.clear();
    }

    /** Repeats of an accepted request are answered with this errcode instead of the first answer. */
    synchronized void answerRepeatsWith(String errcode, String errmsg) {
        duplicateAnswer = new String[] {errcode, errmsg};
    }

    // ---- what the test can ask

    int tokenRequests() {
        return tokenRequests.get();
    }

    int tradeIdRequests() {
        return tradeIdRequests.get();
    }

    /** Sale invoices created for the biz_id. */
    synchronized int acceptedAdds(String bizId) {
        return acceptedAdds.getOrDefault(bizId, 0);
    }

    synchronized Map<String, Integer> acceptedAddsPerBizId() {
        return new LinkedHashMap<>(acceptedAdds);
    }

    /** saleinvoice/add requests for the biz_id that passed the token and tradeid checks, repeats included. */
    synchronized int addCalls(String bizId) {
        return addCalls.getOrDefault(bizId, 0);
    }

    synchronized String voucherId(String bizId) {
        Voucher v = accepted.get(bizId);
        return v == null ? null : v.id();
    }

    synchronized List<JsonNode> acceptedBodies() {
        return List.copyOf(acceptedBodies);
    }

    /** Waits until this many saleinvoice/add requests were processed (a late one included). */
    void awaitProcessedAdds(int count, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (processedAdds.get() < count) {
            if (System.nanoTime() > end) {
                throw new AssertionError("fake U8 processed " + processedAdds.get() + " adds, expected " + count);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- the server

    private void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String method = exchange.getRequestMethod();
            if (path.equals(U8Client.TOKEN_PATH) && method.equals("GET")) {
                tokenRequests.incrementAndGet();
                answer(exchange, 200, token(query));
            } else if (path.equals(U8Client.TRADEID_PATH) && method.equals("GET")) {
                tradeIdRequests.incrementAndGet();
                answer(exchange, 200, tradeId(query));
            } else if (path.equals(U8Client.SALE_INVOICE_ADD_PATH) && method.equals("POST")) {
                add(exchange, query, new String(body, StandardCharsets.UTF_8));
            } else {
                answer(exchange, 404, "<html><body>404 Not Found</body></html>");
            }
        } finally {
            exchange.close();
        }
    }

    private synchronized String token(Map<String, String> q) {
        if (!FROM.equals(q.get("from_account")) || !APP_KEY.equals(q.get("app_key"))
                || !APP_SECRET.equals(q.get("app_secret"))) {
            return error("20001", "应用不存在或app_secret错误 app key or secret wrong");
        }
        String id = UUID.randomUUID().toString().replace("-", "");
        tokens.put(id, new Issued(id, clock.instant().plus(tokenLifetime)));
        ObjectNode answer = MAPPER.createObjectNode().put("errcode", "0").put("errmsg", "");
        answer.putObject("token").put("id", id).put("appKey", APP_KEY).put("expiresIn", tokenLifetime.toSeconds());
        return answer.toString();
    }

    private synchronized String tradeId(Map<String, String> q) {
        if (!FROM.equals(q.get("from_account")) || !APP_KEY.equals(q.get("app_key"))) {
            return error("20001", "from_account或app_key错误");
        }
        if (!validToken(q.get("token"))) {
            return error(TOKEN_INVALID, "token无效或已过期 token invalid or expired");
        }
        String id = UUID.randomUUID().toString().replace("-", "");
        issuedTradeIds.add(id);
        ObjectNode answer = MAPPER.createObjectNode().put("errcode", "0").put("errmsg", "成功");
        answer.putObject("trade").put("id", id);
        return answer.toString();
    }

    private void add(HttpExchange exchange, Map<String, String> q, String body) throws IOException {
        Canned canned;
        Duration delay;
        synchronized (this) {
            canned = nextAddAnswer;
            nextAddAnswer = null;
            delay = nextAddDelay.isZero() ? everyAddDelay : nextAddDelay;
            nextAddDelay = Duration.ZERO;
        }
        if (canned != null) {
            answer(exchange, canned.status(), canned.body());
            return;
        }
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        String[] result = process(q, body);
        processedAdds.incrementAndGet();
        if (result[1] != null) {
            return; // accepted, then "crashed": the connection closes without an answer
        }
        try {
            answer(exchange, 200, result[0]);
        } catch (IOException callerGone) {
            // the caller timed out; U8 has processed the request all the same
        }
    }

    /** The answer, and a non-null second element when the connection is to be dropped instead. */
    private synchronized String[] process(Map<String, String> q, String body) {
        if (!FROM.equals(q.get("from_account")) || !TO.equals(q.get("to_account"))
                || !APP_KEY.equals(q.get("app_key"))) {
            return new String[] {error("20001", "from_account、to_account或app_key错误"), null};
        }
        if (!validToken(q.get("token"))) {
            return new String[] {error(TOKEN_INVALID, "token无效或已过期 token invalid or expired"), null};
        }
        String tradeId = q.get("tradeid");
        if (tradeId == null || !issuedTradeIds.contains(tradeId)) {
            return new String[] {error("20003", "交易号无效 unknown tradeid"), null};
        }
        String bizId = q.get("biz_id");
        if (bizId == null || bizId.isBlank()) {
            return new String[] {error("20004", "biz_id不能为空"), null};
        }
        if (!"1".equals(q.get("sync"))) {
            return new String[] {error("20007", "测试服务只支持同步调用 sync=1 expected"), null};
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        } catch (IOException e) {
            return new String[] {error("20005", "报文不是合法的JSON"), null};
        }
        addCalls.merge(bizId, 1, Integer::sum);
        TradeUse use = tradeUses.get(tradeId);
        if (use != null) {
            if (!use.bizId().equals(bizId) || !use.body().equals(json)) {
                return new String[] {error("20006", "交易号已被其他请求使用 tradeid already used by another request"),
                        null};
            }
            if (use.accepted()) {
                return new String[] {repeat(use.answer()), null};
            }
        }
        if (bizIdDedup && accepted.containsKey(bizId)) {
            return new String[] {repeat(accepted.get(bizId).answer()), null};
        }
        String problem = check(json);
        if (problem != null) {
            String[] parts = problem.split("\\|", 2);
            String answer = error(parts[0], parts[1]);
            tradeUses.put(tradeId, new TradeUse(bizId, json, answer, false));
            return new String[] {answer, null};
        }
        String id = String.valueOf(voucherSeq.incrementAndGet());
        String answer = MAPPER.createObjectNode().put("errcode", "0").put("errmsg", "").put("id", id)
                .put("tradeid", tradeId).toString();
        tradeUses.put(tradeId, new TradeUse(bizId, json, answer, true));
        accepted.put(bizId, new Voucher(id, tradeId, answer));
        acceptedAdds.merge(bizId, 1, Integer::sum);
        acceptedBodies.add(json);
        boolean drop = dropNextAcceptedAnswer;
        dropNextAcceptedAnswer = false;
        return new String[] {answer, drop ? "drop" : null};
    }

    private String repeat(String firstAnswer) {
        return duplicateAnswer == null ? firstAnswer : error(duplicateAnswer[0], duplicateAnswer[1]);
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
        if (!customers.contains(customer)) {
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
        Issued issued = token == null ? null : tokens.get(token);
        return issued != null && clock.instant().isBefore(issued.expiresAt());
    }

    private static String error(String errcode, String errmsg) {
        return MAPPER.createObjectNode().put("errcode", errcode).put("errmsg", errmsg).toString();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        // like U8: JSON in a text/html answer
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.put(key, value);
        }
        return q;
    }
}
