package org.doorplate.sim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GeoPointTest {
    private static final GeoPoint HOHHOT = new GeoPoint(40.8424, 111.7500, 1050);

    @Test
    void offsetIsMeasuredBackAsTheSameMetres() {
        // GIVEN a point moved 30 m north and 40 m east
        GeoPoint moved = HOHHOT.offset(30, 40, 2);

        // THEN the local coordinates and the distance give those metres back
        assertEquals(30, moved.northOf(HOHHOT), 0.01);
        assertEquals(40, moved.eastOf(HOHHOT), 0.01);
        assertEquals(50, HOHHOT.horizontalDistanceTo(moved), 0.01);
        assertEquals(1052, moved.heightMetres(), 1e-9);
    }

    @Test
    void moveAlongABearingGoesThatWay() {
        GeoPoint east = HOHHOT.move(12, 90);

        assertEquals(0, east.northOf(HOHHOT), 0.01);
        assertEquals(12, east.eastOf(HOHHOT), 0.01);
    }

    @Test
    void aDegreeOfLatitudeIsAboutOneHundredElevenKilometres() {
        assertEquals(110_574, GeoPoint.metresPerDegreeLatitude(0), 1);
        assertEquals(111_320, GeoPoint.metresPerDegreeLongitude(0), 1);
    }

    @Test
    void positionOffTheGlobeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new GeoPoint(91, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new GeoPoint(0, 181, 0));
        assertThrows(IllegalArgumentException.class, () -> new GeoPoint(Double.NaN, 0, 0));
    }
}
