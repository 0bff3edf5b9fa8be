package org.leadtocash.standin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The HTTP side of every stand-in for an outside system: a real server on 127.0.0.1 whose subclass answers each call
 * the way the real API does. A base URL may name a node ({@link #url(String)}), so a stand-in shared by several nodes
 * knows who called. The call that makes the system do something (U8's sale-invoice add, a robot's or gateway's send) is
 * the "write": it is recorded, processed on arrival and then answered, and a test can replace its answer, delay it,
 * hold it back or drop the connection. Any call can meet an HTTP 503 outage or a closed port.
 */
public abstract class StandIn implements AutoCloseable {
    protected static final ObjectMapper JSON = new ObjectMapper();

    /** A call as it arrived: the node its URL names ("" for none) and the API path after that. */
    public record Request(long seq, String node, String method, String path, Map<String, String> query,
                          Map<String, String> headers, String body) {
        public String query(String name) {
            return query.get(name);
        }

        /** The header, its name in any case. */
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }

        /** The body as JSON; unreadable JSON is a {@link IOException} the stand-in answers as the real API would. */
        public JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    /** What a stand-in answers. */
    protected record Answer(int status, String body) {
    }

    private final String contentType;
    private final String writePath;
    private final List<String> paths;
    private final ExecutorService executor;
    private final int port;
    private HttpServer server;

    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong seq = new AtomicLong();
    private final List<Request> writes = new ArrayList<>();
    private final Map<Long, Request> inFlight = new ConcurrentHashMap<>();
    private final Queue<Answer> canned = new ArrayDeque<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger refusedWith503 = new AtomicInteger();
    private final AtomicInteger droppedAnswers = new AtomicInteger();
    private volatile Duration delay = Duration.ZERO;
    private Duration nextDelay;
    private volatile boolean answer503;
    private volatile boolean dropAnswers;
    private volatile Hold hold = new Hold();

    /**
     * @param contentType of every answer
     * @param writePath   the path of the write call
     * @param readPaths   the API's other paths
     */
    protected StandIn(String contentType, String writePath, String... readPaths) {
        this.contentType = contentType;
        this.writePath = writePath;
        this.paths = new ArrayList<>(List.of(readPaths));
        this.paths.add(writePath);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, getClass().getSimpleName());
            t.setDaemon(true);
            return t;
        });
        try {
            server = listen(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        port = server.getAddress().getPort();
    }

    /** A JSON object's fields as strings, in their order (template parameters as a provider reads them). */
    protected static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }

    /** Checks and processes one call as the real system would; null closes the connection without an answer. */
    protected abstract Answer answer(Request request);

    /** An error answer the real system gives to a call it refuses (counted in {@link #refused()}). */
    protected Answer refuse(int status, String body) {
        refused.incrementAndGet();
        return new Answer(status, body);
    }

    /** The URL a client is configured with. */
    public String url() {
        return url("");
    }

    /** The URL for a node: every call through it is known to come from that node. */
    public String url(String node) {
        return "http://127.0.0.1:" + port + (node.isEmpty() ? "" : "/" + node);
    }

    // ---- what a test can tell it

    /** The next write is answered with this instead of being processed; several queue up. */
    public synchronized void answerNextWith(int status, String body) {
        canned.add(new Answer(status, body));
    }

    /** Every write is processed on arrival and answered this much later. */
    public void delayAnswers(Duration delay) {
        this.delay = delay;
    }

    /** The next write only is answered this much later (the caller may have given up by then). */
    public synchronized void delayNextAnswer(Duration delay) {
        this.nextDelay = delay;
    }

    /** Every call is answered with HTTP 503. */
    public void answer503(boolean on) {
        answer503 = on;
    }

    /** Every write is processed and then the connection closes without an answer. */
    public void dropAnswers(boolean on) {
        dropAnswers = on;
    }

    /**
     * Up to {@code max} writes of the node at a time are processed and then answered only after {@code maxHold} or
     * {@link #releaseHeld()}: a node killed meanwhile has made the call and never learns its outcome.
     */
    public void holdAnswers(String node, int max, Duration maxHold) {
        hold.hold(node, max, maxHold);
    }

    public void releaseHeld() {
        hold.release();
    }

    /** Holds answers together with the other stand-in: {@code max} counts the node's calls to both. */
    public void shareHoldWith(StandIn other) {
        this.hold = other.hold;
    }

    /** Closes the port: every call is refused until {@link #restart()}. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Listens on the same port again. */
    public synchronized void restart() throws IOException {
        for (int attempt = 0; server == null; attempt++) {
            try {
                server = listen(port);
            } catch (BindException e) {
                if (attempt == 50) {
                    throw e;
                }
                sleep(Duration.ofMillis(100));
            }
        }
    }

    // ---- what a test can ask

    /** Calls that reached the stand-in, answered or not. */
    public int requests() {
        return requests.get();
    }

    /** Every write that arrived, canned answers included, oldest first. */
    public synchronized List<Request> writes() {
        return List.copyOf(writes);
    }

    /** Writes of the node that arrived and were not answered yet. */
    public List<Request> inFlight(String node) {
        return inFlight.values().stream().filter(r -> r.node().equals(node)).toList();
    }

    protected boolean inFlight(long seq) {
        return inFlight.containsKey(seq);
    }

    /** Calls answered with an error by the stand-in's own checks. */
    public int refused() {
        return refused.get();
    }

    public int refusedWith503() {
        return refusedWith503.get();
    }

    public int droppedAnswers() {
        return droppedAnswers.get();
    }

    @Override
    public void close() {
        hold.release();
        stop();
        executor.shutdownNow();
    }

    // ---- the server

    private HttpServer listen(int port) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
        s.createContext("/", this::handle);
        s.setExecutor(executor);
        s.start();
        return s;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            requests.incrementAndGet();
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Request request = request(exchange, body);
            if (answer503) {
                refusedWith503.incrementAndGet();
                send(exchange, new Answer(503, "<html><body>503 Service Temporarily Unavailable</body></html>"));
            } else if (request == null) {
                send(exchange, new Answer(404, "<html><body>404 Not Found</body></html>"));
            } else if (!request.path().equals(writePath)) {
                send(exchange, answer(request));
            } else {
                write(exchange, request);
            }
        } finally {
            exchange.close();
        }
    }

    private void write(HttpExchange exchange, Request request) {
        Answer canned;
        Duration wait;
        synchronized (this) {
            writes.add(request);
            canned = this.canned.poll();
            wait = nextDelay != null ? nextDelay : delay;
            nextDelay = null;
        }
        Answer answer = canned != null ? canned : answer(request);
        if (answer == null || dropAnswers) {
            droppedAnswers.incrementAndGet();
            return; // processed; the connection closes without an answer
        }
        inFlight.put(request.seq(), request);
        try {
            sleep(wait);
            hold.maybeHold(request.node());
            send(exchange, answer);
        } catch (IOException callerGone) {
            // the caller died or timed out; the call went through all the same
        } finally {
            inFlight.remove(request.seq());
        }
    }

    /** The call with its node split off the path, or null for a path the API does not have. */
    private Request request(HttpExchange exchange, String body) {
        String path = exchange.getRequestURI().getPath();
        for (String api : paths) {
            String prefix = path.endsWith(api) ? path.substring(0, path.length() - api.length()) : null;
            if (prefix != null && (prefix.isEmpty() || prefix.lastIndexOf('/') == 0)) {
                Map<String, String> headers = new HashMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
                return new Request(seq.incrementAndGet(), prefix.isEmpty() ? "" : prefix.substring(1),
                        exchange.getRequestMethod(), api, query(exchange.getRequestURI().getRawQuery()), headers, body);
            }
        }
        return null;
    }

    private void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                q.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
