package org.doorplate.server.ingest;

/** The transport an uplink arrived on; a metric tag and a log field. */
public enum Transport {
    MQTT,
    COAP,
    HTTP
}
