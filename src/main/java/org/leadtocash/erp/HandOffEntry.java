package org.leadtocash.erp;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * One attempt in the hand-off log.
 *
 * @param tradeId     the U8 tradeid the attempt used; null before one was obtained and for exports
 * @param errcode     U8's errcode ({@code "0"} when accepted), or {@value U8RejectedException#LOCAL_VALIDATION}
 * @param errmsg      U8's errmsg, or the broken rules of our own check
 * @param detail      what else happened: the network failure, "resent after takeover", "not configured …"
 * @param u8VoucherId U8's id of the sale invoice, when accepted
 * @param payload     the exact JSON body sent (or to be sent, or exported); raw JSON in the REST answer
 */
record HandOffEntry(long id, String bizId, String tradeId, AttemptOutcome outcome, String errcode,
                           String errmsg, String detail, String u8VoucherId, @JsonRawValue String payload,
                           Instant startedAt, Instant finishedAt) {
}
