package org.doorplate.server.ingest.coap;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.doorplate.server.testing.TestDatabase;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.network.Endpoint;

/** Small helpers shared by the CoAP tests. */
public final class CoapTestSupport {
    private CoapTestSupport() {
    }

    /** The loopback address of the server's endpoint for {@code scheme} ({@code coaps} or {@code coap}). */
    public static InetSocketAddress endpoint(CoapServer server, String scheme) {
        for (Endpoint endpoint : server.getEndpoints()) {
            if (endpoint.getUri().getScheme().equals(scheme)) {
                return new InetSocketAddress("127.0.0.1", endpoint.getAddress().getPort());
            }
        }
        throw new IllegalStateException("no " + scheme + " endpoint");
    }

    /** The sequence numbers stored for the device, readings and events together, ascending. */
    public static List<Long> storedSeqs(String deviceId) throws SQLException {
        return storedSeqs(TestDatabase.connect(), deviceId);
    }

    static List<Long> storedSeqs(Connection connection, String deviceId) throws SQLException {
        String sql = "SELECT seq FROM readings WHERE device_id = ? UNION ALL"
            + " SELECT seq FROM device_events WHERE device_id = ? ORDER BY 1";
        try (connection; PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, deviceId);
            statement.setString(2, deviceId);
            List<Long> seqs = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    seqs.add(rows.getLong(1));
                }
            }
            return seqs;
        }
    }
}
