package org.leadtocash.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.leadtocash.standin.DingTalkRobotStandIn;
import org.leadtocash.standin.VoiceGatewayStandIn;

/**
 * The cluster's notification peers, the DingTalk robot and the voice-call gateway stand-ins, read as one stream of
 * escalation messages: which node sent each, which lead ids and invoice numbers its text names, which are still
 * waiting for their answer. Both hold answers together, so a hold counts a node's calls to either.
 */
final class NotificationPeers implements AutoCloseable {
    static final String DINGTALK_TOKEN = "cluster-robot-token";
    static final String DINGTALK_SECRET = "SECcluster5f2b7d0c9a4e4b1f8e6d3c2a1b0f9e8d";
    static final String VOICE_API_KEY = "cluster-voice-api-key-0001";
    /** Lead ids ({@code L260105-ABC234}) and this suite's invoice numbers ({@code CLINV-…}) in a message text. */
    static final Pattern IDS = Pattern.compile("L\\d{6}-[0-9A-Z]{6}|CLINV-[0-9A-Z-]+");

    /** One message as a peer received it. */
    record Message(String node, String channel, String text) {
        List<String> ids() {
            List<String> ids = new ArrayList<>();
            Matcher m = IDS.matcher(text);
            while (m.find()) {
                ids.add(m.group());
            }
            return ids;
        }
    }

    private final DingTalkRobotStandIn robot = DingTalkRobotStandIn.start(DINGTALK_TOKEN, DINGTALK_SECRET);
    private final VoiceGatewayStandIn voice = VoiceGatewayStandIn.start(VOICE_API_KEY);

    NotificationPeers() {
        voice.shareHoldWith(robot);
    }

    String dingTalkUrl(String node) {
        return robot.url(node);
    }

    String voiceUrl(String node) {
        return voice.url(node);
    }

    void delayAnswers(Duration delay) {
        robot.delayAnswers(delay);
        voice.delayAnswers(delay);
    }

    /** Up to {@code max} messages of the node at a time get their answer only after {@code maxHold} or release. */
    void holdAnswers(String node, int max, Duration maxHold) {
        robot.holdAnswers(node, max, maxHold);
    }

    void releaseHeld() {
        robot.releaseHeld();
    }

    List<Message> received() {
        return Stream.concat(robot.accepted().stream().map(NotificationPeers::message),
                voice.calls().stream().map(NotificationPeers::message)).toList();
    }

    int count() {
        return received().size();
    }

    /** Messages per id found in their text (lead id, invoice number). */
    Map<String, Integer> countsById() {
        Map<String, Integer> counts = new HashMap<>();
        received().forEach(m -> m.ids().forEach(id -> counts.merge(id, 1, Integer::sum)));
        return counts;
    }

    /** Messages per channel and exact text. */
    Map<String, Integer> countsByText() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        received().forEach(m -> counts.merge(m.channel() + "|" + m.text(), 1, Integer::sum));
        return counts;
    }

    /** Messages of the node that arrived and have not been answered yet. */
    List<Message> inFlight(String node) {
        return Stream.concat(robot.acceptedInFlight(node).stream().map(NotificationPeers::message),
                voice.callsInFlight(node).stream().map(NotificationPeers::message)).toList();
    }

    /** Requests refused (bad signature, bad key, incomplete body). */
    int refused() {
        return robot.refused() + voice.refused();
    }

    @Override
    public void close() {
        robot.close();
        voice.close();
    }

    private static Message message(DingTalkRobotStandIn.Message m) {
        return new Message(m.node(), "DINGTALK", m.text());
    }

    private static Message message(VoiceGatewayStandIn.Call c) {
        return new Message(c.node(), "VOICE_CALL", c.calledNumber() + ": " + c.params().get("text"));
    }
}
