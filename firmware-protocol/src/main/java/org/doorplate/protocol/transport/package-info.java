/**
 * Transport names and semantics: MQTT topics and QoS, CoAP paths, content formats and
 * response codes. Constants and pure functions only; nothing here opens a connection.
 */
package org.doorplate.protocol.transport;
