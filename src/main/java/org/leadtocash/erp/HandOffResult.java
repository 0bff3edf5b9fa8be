package org.leadtocash.erp;

/**
 * The result of a hand-off.
 *
 * @param tradeId     the U8 tradeid the accepted request carried; null for EXPORTED_NOT_SENT
 * @param u8VoucherId U8's id of the sale invoice ({@code id} of the answer); null for EXPORTED_NOT_SENT, and null
 *                    when U8 acknowledged a resent duplicate without repeating the id
 * @param payloadJson the exact request body sent to U8 (or, for EXPORTED_NOT_SENT, the one that would have been)
 */
public record HandOffResult(String bizId, HandOffOutcome outcome, String tradeId, String u8VoucherId,
                            String payloadJson) {
}
