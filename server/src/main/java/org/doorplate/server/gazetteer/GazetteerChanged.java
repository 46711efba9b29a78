package org.doorplate.server.gazetteer;

/**
 * Published after any committed change to divisions, place names or public services, so that
 * caches of pages built from them can drop what they hold.
 */
public record GazetteerChanged(String what) {
}
