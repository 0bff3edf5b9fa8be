package org.leadtocash.notify;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * WeCom group robot (企业微信群机器人): POST UTF-8 JSON to the webhook
 * ({@code https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…}; the key is the only credential, no signing).
 * <ul>
 * <li>The message is {@code msgtype "markdown"} with {@code markdown.content} = {@code "### <title>\n\n<text>"}
 * (markdown content may be at most 4096 bytes: longer text is cut with "…"); the request's links follow the text as
 * markdown links {@code [label](url)}, never cut.</li>
 * <li>WeCom's @mention by mobile ({@code mentioned_mobile_list}) exists only for {@code msgtype "text"}; a markdown
 * message can mention only by WeCom user id. So when recipients have mobiles, a short text message follows with the
 * title and {@code text.mentioned_mobile_list}: the people get the @ notification, the group reads the markdown.</li>
 * <li>Answer {@code {"errcode":0,"errmsg":"ok"}}; any other errcode (93000 invalid key, 45009 over the 20 per
 * minute limit …), a non-2xx status, a timeout or an IO error is a failure. A failure of the second message fails
 * the delivery, so a retry sends the markdown again.</li>
 * </ul>
 */
class WeComRobotChannel implements NotificationChannel {
    static final int MAX_MARKDOWN_BYTES = 4096;
    private static final Logger log = LoggerFactory.getLogger(WeComRobotChannel.class);

    private final String webhookUrl;
    private final ObjectMapper mapper;
    private final JsonHttpPeer peer;

    WeComRobotChannel(String webhookUrl, ObjectMapper mapper, Duration connectTimeout, Duration requestTimeout) {
        this.webhookUrl = webhookUrl == null ? "" : webhookUrl.strip();
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.peer = new JsonHttpPeer("WeCom robot", mapper, connectTimeout, requestTimeout);
    }

    @Override
    public Channel channel() {
        return Channel.WECOM;
    }

    @Override
    public boolean configured() {
        return !webhookUrl.isEmpty();
    }

    @Override
    public void deliver(NotificationRequest request) {
        if (!configured()) {
            throw new IllegalStateException("WeCom robot webhook URL is not configured");
        }
        post(markdown(request));
        List<String> mobiles = request.recipientMobiles();
        if (!mobiles.isEmpty()) {
            post(mentions(request, mobiles));
        }
        log.info("WeCom robot accepted notification {}", request.idempotencyKey());
    }

    /** The markdown message. */
    ObjectNode markdown(NotificationRequest request) {
        String head = request.title() == null || request.title().isBlank() ? "" : "### " + request.title().strip() + "\n\n";
        String links = Link.append("", request.links(), true);
        int room = MAX_MARKDOWN_BYTES - head.getBytes(StandardCharsets.UTF_8).length - links.getBytes(StandardCharsets.UTF_8).length;
        ObjectNode body = mapper.createObjectNode().put("msgtype", "markdown");
        body.putObject("markdown").put("content", cutToBytes(head + cutToBytes(request.text(), Math.max(room, 0)) + links,
                MAX_MARKDOWN_BYTES));
        return body;
    }

    /** The text message that @-mentions the recipients by mobile. */
    ObjectNode mentions(NotificationRequest request, List<String> mobiles) {
        String about = request.title() == null || request.title().isBlank() ? "请查看上一条消息 See the message above"
                : "请查看上一条消息 See the message above: " + request.title().strip();
        ObjectNode body = mapper.createObjectNode().put("msgtype", "text");
        ObjectNode text = body.putObject("text").put("content", about);
        mobiles.forEach(text.putArray("mentioned_mobile_list")::add);
        return body;
    }

    private void post(ObjectNode message) {
        JsonHttpPeer.Answer answer = peer.post(URI.create(webhookUrl), message, Map.of());
        answer.requireErrcodeZero("WeCom robot", "the " + message.get("msgtype").asText() + " message");
    }

    static String cutToBytes(String s, int maxBytes) {
        if (s.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return s;
        }
        int ellipsis = "…".getBytes(StandardCharsets.UTF_8).length;
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n + ellipsis > maxBytes) {
                break;
            }
            out.appendCodePoint(cp);
            bytes += n;
            i += Character.charCount(cp);
        }
        return out.append('…').toString();
    }
}
