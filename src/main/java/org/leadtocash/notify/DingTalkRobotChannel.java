package org.leadtocash.notify;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * DingTalk custom robot (自定义机器人, group webhook).
 * <ul>
 * <li>POST to the webhook URL ({@code https://oapi.dingtalk.com/robot/send?access_token=…}); with a secret (加签
 * security, the {@code SEC…} string) the URL gets {@code &timestamp=<ms>&sign=<urlEncode(base64(HmacSHA256(key=secret,
 * data=timestamp+"\n"+secret)))>}; DingTalk rejects a timestamp more than an hour off. Without a secret (keyword or
 * IP security) no timestamp and sign are added.</li>
 * <li>Body: UTF-8 JSON; {@code msgtype "markdown"} with {@code markdown.title/text} when a title is given, else
 * {@code msgtype "text"} with {@code text.content}; {@code at.atMobiles} lists the recipients' mobiles and
 * {@code "@<mobile>"} is added to the text, which DingTalk needs to show the mention. The request's links follow the
 * text as markdown links {@code [label](url)} (plain {@code label: url} in a text message): a markdown message keeps
 * the @mention, which an actionCard cannot carry, and a link in it opens with one tap.</li>
 * <li>Answer: {@code {"errcode":0,"errmsg":"ok"}}; any other errcode (310000 sign not match / keyword missing / IP not
 * allowed, 300001 token not found, 130101 sending too fast …), a non-2xx status, a timeout or an IO error is a
 * failure.</li>
 * </ul>
 */
class DingTalkRobotChannel implements NotificationChannel {
    private static final Logger log = LoggerFactory.getLogger(DingTalkRobotChannel.class);

    private final String webhookUrl;
    private final String secret;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final JsonHttpPeer peer;

    public DingTalkRobotChannel(String webhookUrl, String secret, ObjectMapper mapper) {
        this(webhookUrl, secret, mapper, JsonHttpPeer.DEFAULT_CONNECT_TIMEOUT, JsonHttpPeer.DEFAULT_REQUEST_TIMEOUT,
                Clock.systemUTC());
    }

    public DingTalkRobotChannel(String webhookUrl, String secret, ObjectMapper mapper, Duration connectTimeout,
                                Duration requestTimeout, Clock clock) {
        this.webhookUrl = webhookUrl == null ? "" : webhookUrl.strip();
        this.secret = secret == null ? "" : secret.strip();
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.peer = new JsonHttpPeer("DingTalk robot", mapper, connectTimeout, requestTimeout);
    }

    @Override
    public Channel channel() {
        return Channel.DINGTALK;
    }

    @Override
    public boolean configured() {
        return !webhookUrl.isEmpty();
    }

    @Override
    public void deliver(NotificationRequest request) {
        if (!configured()) {
            throw new IllegalStateException("DingTalk robot webhook URL is not configured");
        }
        JsonHttpPeer.Answer answer = peer.post(signedUri(webhookUrl, secret, clock.millis()), message(request), Map.of());
        answer.requireErrcodeZero("DingTalk robot", "the message");
        log.info("DingTalk robot accepted notification {}", request.idempotencyKey());
    }

    /** The message body DingTalk expects. */
    ObjectNode message(NotificationRequest request) {
        List<String> atMobiles = request.recipientMobiles();
        boolean markdown = request.title() != null && !request.title().isBlank();
        String text = withMentions(Link.append(request.text(), request.links(), markdown), atMobiles);
        ObjectNode body = mapper.createObjectNode();
        if (markdown) {
            body.put("msgtype", "markdown");
            body.putObject("markdown").put("title", request.title()).put("text", text);
        } else {
            body.put("msgtype", "text");
            body.putObject("text").put("content", text);
        }
        ObjectNode at = body.putObject("at");
        atMobiles.forEach(at.putArray("atMobiles")::add);
        at.put("isAtAll", false);
        return body;
    }

    private static String withMentions(String text, List<String> mobiles) {
        StringBuilder mentions = new StringBuilder();
        for (String mobile : mobiles) {
            if (!text.contains("@" + mobile)) {
                mentions.append(mentions.length() == 0 ? "" : " ").append('@').append(mobile);
            }
        }
        return mentions.length() == 0 ? text : text + "\n\n" + mentions;
    }

    /** The webhook URL with timestamp and sign appended when a secret is set. */
    static URI signedUri(String webhookUrl, String secret, long timestampMillis) {
        if (secret == null || secret.isEmpty()) {
            return URI.create(webhookUrl);
        }
        String separator = !webhookUrl.contains("?") ? "?"
                : webhookUrl.endsWith("?") || webhookUrl.endsWith("&") ? "" : "&";
        return URI.create(webhookUrl + separator + "timestamp=" + timestampMillis
                + "&sign=" + URLEncoder.encode(sign(timestampMillis, secret), StandardCharsets.UTF_8));
    }

    /** Base64(HmacSHA256(key = secret, data = timestamp + "\n" + secret)), not yet URL-encoded. */
    static String sign(long timestampMillis, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal((timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
