package org.leadtocash.notify;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import org.leadtocash.standin.AliyunSmsStandIn;
import org.leadtocash.standin.DingTalkRobotStandIn;
import org.springframework.test.util.ReflectionTestUtils;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Points the running application's DingTalk robot or SMS provider at a stand-in for one test, as
 * {@code QuoteTestSupport.useU8} points the U8 hand-off at its stand-in: the app's own {@link NotificationService}
 * (the one the process delegates call) then sends through a channel built as {@link NotifyConfig} builds it from the
 * configuration, with the stand-in's URL and keys. {@link #close()} puts the configured channels back.
 */
public final class ChannelStandIns implements AutoCloseable {
    public static final String DINGTALK_SECRET = "SECowner-change-robot";
    public static final String SMS_KEY_ID = "LTAI5tOwnerChange";
    public static final String SMS_SECRET = "owner-change-secret";
    public static final String SMS_SIGN_NAME = "领客科技";

    private final Map<Channel, NotificationChannel> channels;
    private final Map<Channel, NotificationChannel> configured = new EnumMap<>(Channel.class);

    @SuppressWarnings("unchecked")
    private ChannelStandIns(NotificationService service) {
        this.channels = (Map<Channel, NotificationChannel>) ReflectionTestUtils.getField(service, "channels");
    }

    /** Nothing replaced yet; add the stand-ins with {@link #dingTalk} and {@link #aliyunSms}. */
    public static ChannelStandIns of(NotificationService service) {
        return new ChannelStandIns(service);
    }

    /** The DingTalk robot of the app is the stand-in, with 加签 security ({@link #DINGTALK_SECRET}). */
    public ChannelStandIns dingTalk(DingTalkRobotStandIn robot) {
        return replace(new DingTalkRobotChannel(robot.url(), DINGTALK_SECRET, new ObjectMapper()));
    }

    /** The SMS provider of the app is the Alibaba Cloud stand-in ({@code provider: aliyun}). */
    public ChannelStandIns aliyunSms(AliyunSmsStandIn provider) {
        AliyunRpc rpc = new AliyunRpc("Alibaba Cloud SMS", provider.url(), SMS_KEY_ID, SMS_SECRET, new ObjectMapper(),
                Duration.ofSeconds(2), Duration.ofSeconds(5), Clock.systemUTC(), null);
        return replace(new SmsChannel(new AliyunSmsGateway(rpc, SMS_SIGN_NAME), "SMS_DEFAULT"));
    }

    private ChannelStandIns replace(NotificationChannel channel) {
        NotificationChannel before = channels.put(channel.channel(), channel);
        configured.putIfAbsent(channel.channel(), before);
        return this;
    }

    @Override
    public void close() {
        configured.forEach((channel, before) -> {
            if (before == null) {
                channels.remove(channel);
            } else {
                channels.put(channel, before);
            }
        });
        configured.clear();
    }
}
