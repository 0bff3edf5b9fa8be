package org.leadtocash.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 (random port) that plays an outside JSON API: subclasses check each request the
 * way the real peer does. Counts every request that reaches it; canned answers and a delay before answering can be set.
 */
abstract class LocalJsonPeer implements AutoCloseable {
    protected static final ObjectMapper MAPPER = new ObjectMapper();

    /** What the peer answers. */
    protected record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicInteger requests = new AtomicInteger();
    private final Queue<Answer> canned = new ArrayDeque<>();
    private volatile Duration delay = Duration.ZERO;

    protected LocalJsonPeer(String path) {
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, getClass().getSimpleName());
            t.setDaemon(true);
            return t;
        });
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext(path, this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Checks one request as the real peer would, and says what to answer. */
    protected abstract Answer check(HttpExchange exchange, byte[] body);

    protected String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many requests reached the peer, accepted or not. */
    int requests() {
        return requests.get();
    }

    /** The next request is answered with this status and body instead of being checked. */
    synchronized void answerNextWith(int status, String body) {
        canned.add(new Answer(status, body));
    }

    void delayAnswers(Duration delay) {
        this.delay = delay;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private synchronized Answer nextCanned() {
        return canned.poll();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            requests.incrementAndGet();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            Answer canned = nextCanned();
            Answer answer = canned != null ? canned : check(exchange, body);
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } finally {
            exchange.close();
        }
    }
}
