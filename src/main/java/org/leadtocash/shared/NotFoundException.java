package org.leadtocash.shared;

/** The thing asked for does not exist, or the caller may not know that it does (answered as 404 either way). */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
