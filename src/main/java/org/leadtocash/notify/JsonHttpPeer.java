package org.leadtocash.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * POSTs UTF-8 JSON to an HTTP peer and reads its JSON answer, turning timeouts and IO errors into
 * {@link ChannelDeliveryException}s that name the peer but never the URL (it may carry an access token). For the SMS and
 * voice-call gateways it also sends the Bearer key and checks their {@code "code":"OK"} answer.
 */
final class JsonHttpPeer {
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final String peerName;
    private final ObjectMapper mapper;
    private final Duration requestTimeout;
    private final HttpClient client;

    JsonHttpPeer(String peerName, ObjectMapper mapper, Duration connectTimeout, Duration requestTimeout) {
        this.peerName = peerName;
        this.mapper = mapper;
        this.requestTimeout = requestTimeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The peer's answer; {@code json} is null when the body is not JSON. */
    record Answer(int status, String body, JsonNode json) {
        boolean successful() {
            return status >= 200 && status < 300;
        }

        String text(String field) {
            return json == null || !json.hasNonNull(field) ? null : json.get(field).asText();
        }

        /**
         * Checks the answer of a chat robot (DingTalk, WeCom): a 2xx status with {@code errcode} 0. Otherwise a
         * {@link ChannelDeliveryException} naming the peer, the status or the errcode and errmsg, and {@code what} was
         * refused (e.g. "the message").
         */
        void requireErrcodeZero(String peer, String what) {
            if (!successful()) {
                throw new ChannelDeliveryException(peer + " answered HTTP " + status + ": " + excerpt(body));
            }
            if (json == null || !json.hasNonNull("errcode")) {
                throw new ChannelDeliveryException(peer + " answered HTTP " + status + " without an errcode: " + excerpt(body));
            }
            int errcode = json.get("errcode").asInt(-1);
            if (errcode != 0) {
                throw new ChannelDeliveryException(peer + " refused " + what + ": errcode " + errcode + ", errmsg " + text("errmsg"));
            }
        }
    }

    Answer post(URI uri, JsonNode body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new ChannelDeliveryException(peerName + " did not answer within " + describe(requestTimeout)
                    + " (timeout)", e);
        } catch (IOException e) {
            throw new ChannelDeliveryException("could not reach " + peerName + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelDeliveryException("interrupted while sending to " + peerName, e);
        }
        return new Answer(response.statusCode(), response.body(), parse(response.body()));
    }

    /**
     * POSTs a message for one mobile to a gateway that answers {@code {"code":"OK",…}} on success, with
     * {@code Authorization: Bearer <apiKey>} unless the key is empty. Any other code or a non-2xx status is a
     * {@link ChannelDeliveryException} {@code "<peer> refused the <what> to <masked mobile>: HTTP <status>, <detail>"},
     * the detail being the code and message, or a body excerpt when the answer is not JSON (never the key).
     *
     * @return the accepted answer, e.g. to log the gateway's id for the message
     */
    Answer postExpectingCodeOk(URI uri, JsonNode body, String apiKey, String what, String mobile) {
        Map<String, String> headers = apiKey.isEmpty() ? Map.of() : Map.of("Authorization", "Bearer " + apiKey);
        Answer answer = post(uri, body, headers);
        String code = answer.text("code");
        if (!answer.successful() || !"OK".equals(code)) {
            String detail = answer.json() == null ? excerpt(answer.body())
                    : "code " + code + (answer.text("message") == null ? "" : ", message " + answer.text("message"));
            throw new ChannelDeliveryException(peerName + " refused the " + what + " to " + Recipients.mask(mobile)
                    + ": HTTP " + answer.status() + ", " + detail);
        }
        return answer;
    }

    /** At most the first 200 characters of the body, for error messages. */
    static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
    }

    private byte[] bytes(JsonNode body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON for " + peerName, e);
        }
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
