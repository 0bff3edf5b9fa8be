package org.leadtocash.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local Yonyou U8 OpenAPI for many nodes: {@code /<node>/system/token}, {@code /<node>/system/tradeid} and
 * {@code POST /<node>/api/saleinvoice/add?…&tradeid=&biz_id=&sync=1} (each node's base URL names it, so every request
 * is known to come from a node). Like U8 it remembers every tradeid it issued and answers a repeat of the same tradeid
 * with the same request with its first answer, creating nothing; its biz_id check can be switched off
 * ({@link #bizIdDedup(boolean)}) so that only the caller's reuse of its tradeid keeps a resend from creating a second
 * sale invoice. It counts the sale invoices created per biz_id ({@link #created()}): the number that must be exactly 1.
 *
 * <p>Outages: {@link #answer503(boolean)} answers every call with HTTP 503; {@link #stop()} closes the port
 * (connection refused) until {@link #restart()}; {@link #dropAnswers(boolean)} processes an add and then closes the
 * connection without an answer (U8 created the invoice, the caller never learns it). {@link #answerDelay(Duration)}
 * creates the invoice on arrival and answers that much later, and {@link #holdAnswers(String, int, Duration)} keeps some answers
 * to one node back until released: a node killed meanwhile leaves an invoice it never heard about.
 */
final class U8StandIn implements AutoCloseable {
    static final String FROM = "l2c_cluster";
    static final String TO = "cluster_u8";
    static final String APP_KEY = "opa-cluster-0001";
    static final String APP_SECRET = "cluster-u8-secret-0001";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A tradeid's first request and the answer to it. */
    private record TradeUse(String bizId, JsonNode body, String answer, boolean accepted) {
    }

    /** An add that arrived and was not answered yet. */
    record InFlight(long seq, String node, String bizId, String tradeId) {
    }

    private final ExecutorService executor;
    private final int port;
    private HttpServer server;

    private final Set<String> tokens = new HashSet<>();
    private final Set<String> tradeIds = new HashSet<>();
    private final Map<String, TradeUse> tradeUses = new HashMap<>();
    private final Map<String, String> acceptedAnswer = new HashMap<>();
    private final Map<String, Integer> created = new LinkedHashMap<>();
    private final Map<String, Integer> addCalls = new LinkedHashMap<>();
    private final Map<Long, InFlight> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong seq = new AtomicLong();
    private final AtomicInteger voucherSeq = new AtomicInteger(50_000);
    private final AtomicInteger refusedWith503 = new AtomicInteger();
    private final AtomicInteger droppedAnswers = new AtomicInteger();
    private volatile boolean bizIdDedup = true;
    private volatile boolean answer503;
    private volatile boolean dropAnswers;
    private volatile Duration answerDelay = Duration.ZERO;
    private final Hold hold = new Hold();

    U8StandIn() throws IOException {
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "u8-stand-in");
            t.setDaemon(true);
            return t;
        });
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        port = server.getAddress().getPort();
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String baseUrl(String node) {
        return "http://127.0.0.1:" + port + "/" + node;
    }

    // --- what a test can tell it

    void bizIdDedup(boolean on) {
        bizIdDedup = on;
    }

    void answer503(boolean on) {
        answer503 = on;
    }

    void dropAnswers(boolean on) {
        dropAnswers = on;
    }

    void answerDelay(Duration delay) {
        answerDelay = delay;
    }

    /**
     * Up to {@code max} saleinvoice/add calls of the node at a time are processed (the invoice is created) and then get
     * their answer only after {@code maxHold} or {@link #releaseHeld()}.
     */
    void holdAnswers(String node, int max, Duration maxHold) {
        hold.hold(node, max, maxHold);
    }

    void releaseHeld() {
        hold.release();
    }

    /** Closes the port: every call is refused until {@link #restart()}. */
    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Listens on the same port again. */
    synchronized void restart() throws IOException {
        if (server != null) {
            return;
        }
        IOException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
                s.createContext("/", this::handle);
                s.setExecutor(executor);
                s.start();
                server = s;
                return;
            } catch (BindException e) {
                last = e;
                Poll.sleep(100);
            }
        }
        throw last;
    }

    // --- what a test can ask

    /** Sale invoices created per biz_id. */
    synchronized Map<String, Integer> created() {
        return new LinkedHashMap<>(created);
    }

    /** saleinvoice/add calls per biz_id that got past token and tradeid checks, repeats included. */
    synchronized Map<String, Integer> addCalls() {
        return new LinkedHashMap<>(addCalls);
    }

    /** Adds of the node that arrived and were not answered yet. */
    List<InFlight> inFlight(String node) {
        return inFlight.values().stream().filter(f -> f.node().equals(node)).toList();
    }

    int refusedWith503() {
        return refusedWith503.get();
    }

    int droppedAnswers() {
        return droppedAnswers.get();
    }

    @Override
    public void close() {
        hold.release();
        stop();
        executor.shutdownNow();
    }

    // --- the server

    private void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (answer503) {
                refusedWith503.incrementAndGet();
                answer(exchange, 503, "<html><body>503 Service Temporarily Unavailable</body></html>");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            int slash = path.indexOf('/', 1);
            String node = slash < 0 ? "" : path.substring(1, slash);
            String api = slash < 0 ? path : path.substring(slash);
            Map<String, String> q = NotificationPeers.query(exchange.getRequestURI().getRawQuery());
            String method = exchange.getRequestMethod();
            if (api.equals("/system/token") && method.equals("GET")) {
                answer(exchange, 200, token(q));
            } else if (api.equals("/system/tradeid") && method.equals("GET")) {
                answer(exchange, 200, tradeId(q));
            } else if (api.equals("/api/saleinvoice/add") && method.equals("POST")) {
                add(exchange, node, q, new String(body, StandardCharsets.UTF_8));
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
            return error("20001", "应用不存在或app_secret错误");
        }
        String id = UUID.randomUUID().toString().replace("-", "");
        tokens.add(id);
        ObjectNode answer = JSON.createObjectNode().put("errcode", "0").put("errmsg", "");
        answer.putObject("token").put("id", id).put("appKey", APP_KEY).put("expiresIn", 7200);
        return answer.toString();
    }

    private synchronized String tradeId(Map<String, String> q) {
        if (!tokens.contains(q.get("token"))) {
            return error("20002", "token无效或已过期 token invalid");
        }
        String id = UUID.randomUUID().toString().replace("-", "");
        tradeIds.add(id);
        ObjectNode answer = JSON.createObjectNode().put("errcode", "0").put("errmsg", "成功");
        answer.putObject("trade").put("id", id);
        return answer.toString();
    }

    private void add(HttpExchange exchange, String node, Map<String, String> q, String body) throws IOException {
        String answer = process(q, body);
        if (dropAnswers) {
            droppedAnswers.incrementAndGet();
            return; // processed; the connection closes without an answer
        }
        InFlight f = new InFlight(seq.incrementAndGet(), node, q.get("biz_id"), q.get("tradeid"));
        inFlight.put(f.seq(), f);
        try {
            Duration delay = answerDelay;
            if (!delay.isZero()) {
                Poll.sleep(delay.toMillis());
            }
            hold.maybeHold(node);
            answer(exchange, 200, answer);
        } catch (IOException callerGone) {
            // the node died or timed out; U8 has processed the request all the same
        } finally {
            inFlight.remove(f.seq());
        }
    }

    private synchronized String process(Map<String, String> q, String body) {
        if (!FROM.equals(q.get("from_account")) || !TO.equals(q.get("to_account")) || !APP_KEY.equals(q.get("app_key"))) {
            return error("20001", "from_account、to_account或app_key错误");
        }
        if (!tokens.contains(q.get("token"))) {
            return error("20002", "token无效或已过期 token invalid");
        }
        String tradeId = q.get("tradeid");
        if (tradeId == null || !tradeIds.contains(tradeId)) {
            return error("20003", "交易号无效 unknown tradeid");
        }
        String bizId = q.get("biz_id");
        if (bizId == null || bizId.isBlank() || !"1".equals(q.get("sync"))) {
            return error("20004", "biz_id不能为空，sync必须为1");
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            return error("20005", "报文不是合法的JSON");
        }
        addCalls.merge(bizId, 1, Integer::sum);
        TradeUse use = tradeUses.get(tradeId);
        if (use != null) {
            if (!use.bizId().equals(bizId) || !use.body().equals(json)) {
                return error("20006", "交易号已被其他请求使用 tradeid already used by another request");
            }
            return use.answer();
        }
        if (bizIdDedup && acceptedAnswer.containsKey(bizId)) {
            return acceptedAnswer.get(bizId);
        }
        JsonNode invoice = json.path("saleinvoice");
        if (!invoice.isObject() || !invoice.path("entry").isArray() || invoice.path("entry").isEmpty()) {
            String answer = error("30105", "表体entry不能为空");
            tradeUses.put(tradeId, new TradeUse(bizId, json, answer, false));
            return answer;
        }
        String id = String.valueOf(voucherSeq.incrementAndGet());
        String answer = JSON.createObjectNode().put("errcode", "0").put("errmsg", "").put("id", id).put("tradeid", tradeId)
                .toString();
        tradeUses.put(tradeId, new TradeUse(bizId, json, answer, true));
        acceptedAnswer.put(bizId, answer);
        created.merge(bizId, 1, Integer::sum);
        return answer;
    }

    private static String error(String errcode, String errmsg) {
        return JSON.createObjectNode().put("errcode", errcode).put("errmsg", errmsg).toString();
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
}
