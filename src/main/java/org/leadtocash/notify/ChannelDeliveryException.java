package org.leadtocash.notify;

/**
 * A channel could not deliver a message: the peer refused it (with its error code in the message), answered with an
 * HTTP error, did not answer in time or could not be reached. Messages never contain webhook tokens or API keys.
 */
class ChannelDeliveryException extends RuntimeException {
    public ChannelDeliveryException(String message) {
        super(message);
    }

    public ChannelDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
