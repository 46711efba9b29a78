package org.doorplate.sim.provision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.doorplate.sim.model.GeoPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CredentialsFileTest {
    private static final String KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @Test
    void wellFormedFileIsRead() throws IOException {
        String csv = """
            id,kind,key,lat,lon
            # a comment line
            plate-1,doorplate,%s,,
            M-01001A,Marker,%s,40.5,111.25
            """.formatted(KEY, KEY.toUpperCase());

        List<DeviceCredentials> devices = CredentialsFile.read("test.csv", new StringReader(csv));

        assertEquals(2, devices.size());
        assertEquals("plate-1", devices.get(0).id());
        assertEquals(DeviceKind.DOORPLATE, devices.get(0).kind());
        assertArrayEquals(HexFormat.of().parseHex(KEY), devices.get(0).key());
        assertEquals(Optional.empty(), devices.get(0).position());
        assertEquals(DeviceKind.MARKER, devices.get(1).kind());
        assertEquals(Optional.of(new GeoPoint(40.5, 111.25, 0)), devices.get(1).position());
    }

    @Test
    void everyBadLineIsReportedAndNothingIsReturned() {
        // GIVEN a file with one good line and five bad ones
        String csv = """
            id,kind,key
            good-1,doorplate,%s
            bad/id,doorplate,%s
            bad-kind,lamp,%s
            short-key,marker,0011
            not-hex,marker,zz112233445566778899aabbccddeeff00112233445566778899aabbccddeeff
            good-1,marker,%s
            """.formatted(KEY, KEY, KEY, KEY);

        // WHEN it is read
        CredentialsFile.BadCredentialsException e = assertThrows(CredentialsFile.BadCredentialsException.class,
            () -> CredentialsFile.read("fleet.csv", new StringReader(csv)));

        // THEN each bad line is named with its number and its fault
        List<String> problems = e.problems();
        assertEquals(5, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("line 3: id"), problems.get(0));
        assertTrue(problems.get(1).startsWith("line 4: kind: expected doorplate or marker"), problems.get(1));
        assertTrue(problems.get(2).startsWith("line 5: key: expected 32 bytes (64 hex digits), found 2"),
            problems.get(2));
        assertTrue(problems.get(3).startsWith("line 6: key: expected hex"), problems.get(3));
        assertTrue(problems.get(4).contains("appears twice"), problems.get(4));
        assertTrue(e.getMessage().startsWith("fleet.csv: 5 bad line(s)"), e.getMessage());
    }

    @Test
    void missingColumnsAreNamed() {
        String csv = "id,key\nplate-1," + KEY + "\n";

        CredentialsFile.BadCredentialsException e = assertThrows(CredentialsFile.BadCredentialsException.class,
            () -> CredentialsFile.read("x.csv", new StringReader(csv)));

        assertTrue(e.getMessage().contains("missing kind"), e.getMessage());
    }

    @Test
    void lineWithWrongFieldCountOrHalfAPositionIsRefused() {
        String csv = "id,kind,key,lat,lon\nm-1,marker," + KEY + ",40.1,\nm-2,marker\n";

        CredentialsFile.BadCredentialsException e = assertThrows(CredentialsFile.BadCredentialsException.class,
            () -> CredentialsFile.read("x.csv", new StringReader(csv)));

        assertEquals(2, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).contains("both lat and lon"), e.problems().get(0));
        assertTrue(e.problems().get(1).contains("expected 5 fields, found 2"), e.problems().get(1));
    }

    @Test
    void emptyFileIsRefused() {
        assertThrows(CredentialsFile.BadCredentialsException.class,
            () -> CredentialsFile.read("x.csv", new StringReader("id,kind,key\n")));
    }

    @Test
    void writtenFileReadsBackTheSame() throws IOException {
        List<DeviceCredentials> devices = List.of(
            new DeviceCredentials("plate-1", DeviceKind.DOORPLATE, HexFormat.of().parseHex(KEY)),
            new DeviceCredentials("m-1", DeviceKind.MARKER, HexFormat.of().parseHex(KEY),
                Optional.of(new GeoPoint(40.84, 111.75, 0))));
        StringWriter out = new StringWriter();

        CredentialsFile.write(out, devices);

        assertEquals(devices, CredentialsFile.read("round-trip", new StringReader(out.toString())));
    }

    @Test
    void credentialsNeverPrintTheirKey() {
        DeviceCredentials device = new DeviceCredentials("plate-1", DeviceKind.DOORPLATE,
            HexFormat.of().parseHex(KEY));

        assertFalse(device.toString().contains(KEY));
    }
}
