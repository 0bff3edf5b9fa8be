package org.leadtocash.notify;

/** The ways a notification can reach people. */
public enum Channel {
    /** A message from the DingTalk custom robot (群机器人) into the group behind its webhook. */
    DINGTALK,
    /** An automated voice call (语音外呼) to each recipient's mobile. */
    VOICE_CALL,
    /** A text message through the HTTP SMS gateway ({@link SmsChannel}); the title carries template code and parameters. */
    SMS,
    /** A markdown message from a WeCom group robot (企业微信群机器人) into the group behind its webhook. */
    WECOM
}
