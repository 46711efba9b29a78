package org.doorplate.server.ingest;

/** The encoding of an uplink payload, as told by the topic or the content format. */
public enum PayloadFormat {
    CBOR,
    JSON
}
