package org.leadtocash.notify;

import java.util.List;

/**
 * A link a chat message carries, e.g. to the Tasklist task it is about ({@link TaskLinks}). DingTalk and WeCom show it
 * as a markdown link {@code [label](url)}: one tap opens it on the phone.
 *
 * @param label what the reader taps, Chinese first then English
 * @param url   an absolute http(s) URL
 */
public record Link(String label, String url) {
    public Link {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("link label must not be blank");
        }
        if (url == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
            throw new IllegalArgumentException("link url must be an absolute http(s) URL, not '" + url + "'");
        }
    }

    /** The text followed by each link on its own paragraph: {@code [label](url)} in markdown, {@code label: url} in plain text. */
    static String append(String text, List<Link> links, boolean markdown) {
        if (links == null || links.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text);
        for (Link link : links) {
            out.append("\n\n").append(markdown ? "[" + link.label() + "](" + link.url() + ")" : link.label() + ": " + link.url());
        }
        return out.toString();
    }
}
