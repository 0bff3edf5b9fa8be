package org.leadtocash.erp;

/**
 * Another node (or thread) is handing off the same biz_id right now and did not finish within the claim wait; nothing
 * was sent here. In the process this fails the job, whose retry then finds the other node's result.
 */
class HandOffInProgressException extends RuntimeException {
    public HandOffInProgressException(String message) {
        super(message);
    }
}
