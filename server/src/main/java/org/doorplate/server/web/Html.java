package org.doorplate.server.web;

import io.micronaut.core.annotation.Nullable;

/**
 * A small builder for server-rendered pages. Every piece of text and every attribute value goes
 * through {@link #escape(String)}, so data from the database or a form can never become markup.
 * Not thread-safe: one builder per page.
 */
public final class Html {
    private final StringBuilder out;

    public Html(int capacity) {
        this.out = new StringBuilder(capacity);
    }

    /** Escapes text for use inside an element or a double-quoted attribute value. */
    public static String escape(@Nullable String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            String replacement = switch (text.charAt(i)) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (replacement != null && escaped == null) {
                escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (escaped != null) {
                if (replacement == null) {
                    escaped.append(text.charAt(i));
                } else {
                    escaped.append(replacement);
                }
            }
        }
        return escaped == null ? text : escaped.toString();
    }

    /** Appends trusted markup written in this code base; never pass data through here. */
    public Html raw(String markup) {
        out.append(markup);
        return this;
    }

    /** Appends escaped text. */
    public Html text(@Nullable String text) {
        out.append(escape(text));
        return this;
    }

    /**
     * Opens an element with attributes given as name, value pairs; a null value leaves the
     * attribute out, an empty one writes it bare ({@code required}).
     */
    public Html open(String tag, @Nullable String... attributes) {
        out.append('<').append(tag);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            String value = attributes[i + 1];
            if (value == null) {
                continue;
            }
            out.append(' ').append(attributes[i]);
            if (!value.isEmpty()) {
                out.append("=\"").append(escape(value)).append('"');
            }
        }
        out.append('>');
        return this;
    }

    public Html close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** An element holding only escaped text: {@code <tag class="css">text</tag>}. */
    public Html element(String tag, @Nullable String cssClass, @Nullable String text) {
        return open(tag, "class", cssClass).text(text).close(tag);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
