package org.leadtocash.erp;

/**
 * U8 could not be asked or did not give a usable answer: connection refused or reset, timeout, HTTP error status,
 * an answer that is not the expected JSON, or a failure to get a token or tradeid. Whether U8 received a
 * {@code saleinvoice/add} is then unknown, so the next hand-off of the same biz_id resends the same request with the
 * same tradeid. In the process this fails the job: Camunda retries it, then raises an incident. Messages never contain
 * the app secret or the token.
 */
class U8UnavailableException extends RuntimeException {
    public U8UnavailableException(String message) {
        super(message);
    }

    public U8UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
