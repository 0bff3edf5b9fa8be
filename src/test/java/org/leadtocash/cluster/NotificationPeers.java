package org.leadtocash.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The outside world of the notifications, on one local HTTP server: a DingTalk custom robot
 * ({@code POST /robot/send?access_token=<node>&timestamp=&sign=}, signature checked as DingTalk does, answers
 * {@code {"errcode":0}}) and a voice-call gateway ({@code POST /voice/<node>} with {@code Authorization: Bearer},
 * answers {@code {"code":"OK"}}). Each node is given URLs naming it, so every message is known to come from a node.
 *
 * <p>Counts every message received, by its text; a message counts the moment it arrives (a real robot posts it to the
 * group then). With {@link #answerDelay(Duration)} the answer comes that much later, with
 * {@link #holdAnswers(String, int, Duration)} some answers to one node wait until released: a node killed meanwhile has
 * delivered the message but never learnt so. {@link #inFlight(String)} lists the messages of a node still waiting for
 * their answer.
 */
final class NotificationPeers implements AutoCloseable {
    static final String DINGTALK_SECRET = "SECcluster5f2b7d0c9a4e4b1f8e6d3c2a1b0f9e8d";
    static final String VOICE_API_KEY = "cluster-voice-api-key-0001";
    /** Lead ids ({@code L260105-ABC234}) and this suite's invoice numbers ({@code CLINV-…}) in a message text. */
    static final Pattern IDS = Pattern.compile("L\\d{6}-[0-9A-Z]{6}|CLINV-[0-9A-Z-]+");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One message as the peer received it. */
    record Message(long seq, String node, String channel, String text) {
        List<String> ids() {
            List<String> ids = new ArrayList<>();
            Matcher m = IDS.matcher(text);
            while (m.find()) {
                ids.add(m.group());
            }
            return ids;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Message> received = new ArrayList<>();
    private final Map<Long, Message> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong seq = new AtomicLong();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile Duration answerDelay = Duration.ZERO;
    private final Hold hold = new Hold();

    NotificationPeers() throws IOException {
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "notification-peers");
            t.setDaemon(true);
            return t;
        });
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String dingTalkUrl(String node) {
        return base() + "/robot/send?access_token=" + node;
    }

    String voiceUrl(String node) {
        return base() + "/voice/" + node;
    }

    void answerDelay(Duration delay) {
        this.answerDelay = delay;
    }

    /**
     * Up to {@code max} messages of the node at a time are delivered and then get their answer only after
     * {@code maxHold} or {@link #releaseHeld()}.
     */
    void holdAnswers(String node, int max, Duration maxHold) {
        hold.hold(node, max, maxHold);
    }

    void releaseHeld() {
        hold.release();
    }

    synchronized List<Message> received() {
        return List.copyOf(received);
    }

    synchronized int count() {
        return received.size();
    }

    /** Messages per id found in their text (lead id, invoice number). */
    synchronized Map<String, Integer> countsById() {
        Map<String, Integer> counts = new HashMap<>();
        for (Message m : received) {
            for (String id : m.ids()) {
                counts.merge(id, 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Messages per exact text. */
    synchronized Map<String, Integer> countsByText() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        received.forEach(m -> counts.merge(m.channel() + "|" + m.text(), 1, Integer::sum));
        return counts;
    }

    /** Messages of the node that arrived and have not been answered yet. */
    List<Message> inFlight(String node) {
        return inFlight.values().stream().filter(m -> m.node().equals(node)).toList();
    }

    /** Requests refused (bad signature, bad key, unreadable body). */
    int refused() {
        return refused.get();
    }

    @Override
    public void close() {
        hold.release();
        server.stop(0);
        executor.shutdownNow();
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String path = exchange.getRequestURI().getPath();
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 405, "{}");
            } else if (path.equals("/robot/send")) {
                dingTalk(exchange, query(exchange.getRequestURI().getRawQuery()), body);
            } else if (path.startsWith("/voice/")) {
                voice(exchange, path.substring("/voice/".length()), body);
            } else {
                answer(exchange, 404, "{}");
            }
        } finally {
            exchange.close();
        }
    }

    private void dingTalk(HttpExchange exchange, Map<String, String> q, byte[] body) throws IOException {
        String node = q.getOrDefault("access_token", "");
        String timestamp = q.get("timestamp");
        if (timestamp == null || !sign(timestamp).equals(q.get("sign"))) {
            refused.incrementAndGet();
            answer(exchange, 200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}");
            return;
        }
        JsonNode json = JSON.readTree(body);
        String type = json.path("msgtype").asText();
        String text = "markdown".equals(type) ? json.path("markdown").path("text").asText(null)
                : json.path("text").path("content").asText(null);
        if (text == null || text.isBlank()) {
            refused.incrementAndGet();
            answer(exchange, 200, "{\"errcode\":40035,\"errmsg\":\"missing text\"}");
            return;
        }
        deliver(exchange, new Message(seq.incrementAndGet(), node, "DINGTALK", text), "{\"errcode\":0,\"errmsg\":\"ok\"}");
    }

    private void voice(HttpExchange exchange, String node, byte[] body) throws IOException {
        if (!("Bearer " + VOICE_API_KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            refused.incrementAndGet();
            answer(exchange, 401, "{\"code\":\"UNAUTHORIZED\"}");
            return;
        }
        JsonNode json = JSON.readTree(body);
        String text = json.path("params").path("text").asText(null);
        if (text == null || json.path("calledNumber").asText("").isBlank()) {
            refused.incrementAndGet();
            answer(exchange, 400, "{\"code\":\"BAD_REQUEST\"}");
            return;
        }
        long n = seq.incrementAndGet();
        deliver(exchange, new Message(n, node, "VOICE_CALL", json.path("calledNumber").asText() + ": " + text),
                "{\"code\":\"OK\",\"callId\":\"call-" + n + "\"}");
    }

    /** Counts the message, waits the answer delay, answers. */
    private void deliver(HttpExchange exchange, Message message, String answer) throws IOException {
        synchronized (this) {
            received.add(message);
        }
        inFlight.put(message.seq(), message);
        try {
            Duration delay = answerDelay;
            if (!delay.isZero()) {
                Poll.sleep(delay.toMillis());
            }
            hold.maybeHold(message.node());
            answer(exchange, 200, answer);
        } catch (IOException callerGone) {
            // the node died (or timed out) meanwhile; the message is out all the same
        } finally {
            inFlight.remove(message.seq());
        }
    }

    private static String sign(String timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(DINGTALK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(
                    mac.doFinal((timestamp + "\n" + DINGTALK_SECRET).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            q.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }
}
