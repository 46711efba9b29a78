package org.doorplate.server.alert.crew;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.doorplate.server.marker.BoundaryLine;
import org.doorplate.server.marker.detect.OffsetEstimate;
import org.doorplate.server.web.Html;

/**
 * The crew page's drawings, as inline SVG built from coordinates alone (no map tiles): the map
 * of boundary lines, markers and plates, and each marker's plot of recent fixes around its
 * reference.
 */
final class CrewSvg {
    private static final int MAP_WIDTH = 960;
    private static final int MAP_HEIGHT = 480;
    private static final int PLOT_SIZE = 220;

    private CrewSvg() {
    }

    /**
     * The map: an equirectangular projection of the board's bounding box, with longitude scaled
     * by the cosine of the middle latitude so that shapes keep their proportions.
     */
    static void map(Html html, CrewBoard.Board board) {
        List<double[]> points = new ArrayList<>();
        board.lines().forEach(l -> l.course().forEach(p -> points.add(new double[] {p.get(0), p.get(1)})));
        board.markers().forEach(r -> points.add(new double[] {r.marker().longitude(), r.marker().latitude()}));
        board.plates().stream().filter(p -> p.latitude() != null)
            .forEach(p -> points.add(new double[] {p.longitude(), p.latitude()}));
        if (points.isEmpty()) {
            html.element("p", "empty", "No positions yet: register boundary lines and markers.");
            return;
        }
        Projection projection = Projection.fit(points, MAP_WIDTH, MAP_HEIGHT);
        html.raw("<svg class=\"map\" viewBox=\"0 0 " + MAP_WIDTH + " " + MAP_HEIGHT + "\" role=\"img\""
            + " aria-label=\"map of boundary lines, markers and doorplates\">");
        html.raw("<rect width=\"100%\" height=\"100%\" fill=\"#eef2f6\"/>");
        for (BoundaryLine line : board.lines()) {
            StringBuilder path = new StringBuilder();
            for (List<Double> p : line.course()) {
                path.append(path.length() == 0 ? "" : " ").append(projection.x(p.get(0))).append(',')
                    .append(projection.y(p.get(1)));
            }
            html.raw("<polyline fill=\"none\" stroke=\"#57606a\" stroke-width=\"2\" stroke-dasharray=\"8 4\""
                + " points=\"" + path + "\"><title>").text(line.code() + " " + line.name()).raw("</title></polyline>");
        }
        for (CrewBoard.PlateRow plate : board.plates()) {
            if (plate.latitude() != null) {
                String x = projection.x(plate.longitude());
                String y = projection.y(plate.latitude());
                html.raw("<rect class=\"plate\" x=\"" + x + "\" y=\"" + y + "\" width=\"10\" height=\"10\""
                    + " transform=\"translate(-5 -5)\" fill=\"" + plate.status().colour() + "\"><title>")
                    .text("doorplate " + plate.deviceId() + ": " + plate.status().label()).raw("</title></rect>");
            }
        }
        for (CrewBoard.MarkerRow row : board.markers()) {
            String x = projection.x(row.marker().longitude());
            String y = projection.y(row.marker().latitude());
            html.raw("<circle class=\"marker\" cx=\"" + x + "\" cy=\"" + y + "\" r=\"7\" stroke=\"#fff\""
                + " stroke-width=\"2\" fill=\"" + row.status().colour() + "\"><title>")
                .text(row.marker().number() + ": " + row.status().label()).raw("</title></circle>");
            html.raw("<text x=\"" + x + "\" y=\"" + y + "\" dx=\"9\" dy=\"4\" font-size=\"12\">")
                .text(row.marker().number()).raw("</text>");
        }
        html.raw("</svg>");
    }

    /**
     * One marker's recent fixes around its reference, in metres (east right, north up), with the
     * displacement circle and the detector's robust estimate and its standard error.
     */
    static void plot(Html html, CrewBoard.Plot plot, double threshold) {
        OffsetEstimate estimate = plot.row().estimate();
        double radius = plotRadius(plot.fixes(), threshold, estimate);
        double scale = (PLOT_SIZE / 2.0 - 10) / radius;
        double c = PLOT_SIZE / 2.0;
        html.raw("<svg class=\"plot\" viewBox=\"0 0 " + PLOT_SIZE + " " + PLOT_SIZE + "\" role=\"img\""
            + " aria-label=\"").text("recent fixes of " + plot.row().marker().number()).raw("\">");
        html.raw("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        html.raw("<line x1=\"0\" y1=\"" + c + "\" x2=\"" + PLOT_SIZE + "\" y2=\"" + c + "\" stroke=\"#d0d7de\"/>");
        html.raw("<line x1=\"" + c + "\" y1=\"0\" x2=\"" + c + "\" y2=\"" + PLOT_SIZE + "\" stroke=\"#d0d7de\"/>");
        html.raw("<circle cx=\"" + c + "\" cy=\"" + c + "\" r=\"" + num(threshold * scale) + "\" fill=\"none\""
            + " stroke=\"#c62828\" stroke-dasharray=\"4 3\"><title>displacement circle</title></circle>");
        for (double[] fix : plot.fixes()) {
            double d = Math.hypot(fix[0], fix[1]);
            if (d <= radius) {
                html.raw("<circle class=\"fix\" cx=\"" + num(c + fix[0] * scale) + "\" cy=\"" + num(c - fix[1] * scale)
                    + "\" r=\"2\" fill=\"#0b3d91\" fill-opacity=\".45\"/>");
            }
        }
        if (estimate != null) {
            String x = num(c + estimate.east() * scale);
            String y = num(c - estimate.north() * scale);
            html.raw("<circle cx=\"" + x + "\" cy=\"" + y + "\" r=\"" + num(Math.max(2, 2 * estimate.standardError()
                * scale)) + "\" fill=\"#b26a00\" fill-opacity=\".3\" stroke=\"#b26a00\"><title>")
                .text(String.format(Locale.ROOT, "robust estimate %.2f m ± %.2f m", estimate.offset(),
                    estimate.standardError())).raw("</title></circle>");
        }
        html.raw("<text x=\"4\" y=\"14\" font-size=\"11\">").text(String.format(Locale.ROOT, "±%.0f m, %d fixes",
            radius, plot.fixes().size())).raw("</text>");
        html.raw("<text x=\"" + (PLOT_SIZE - 12) + "\" y=\"" + (c - 4) + "\" font-size=\"11\">E</text>");
        html.raw("<text x=\"" + (c + 4) + "\" y=\"12\" font-size=\"11\">N</text>");
        html.raw("</svg>");
    }

    /** Shows the circle, the estimate and nearly all fixes; far multipath outliers fall outside. */
    private static double plotRadius(List<double[]> fixes, double threshold, OffsetEstimate estimate) {
        double[] distances = fixes.stream().mapToDouble(f -> Math.hypot(f[0], f[1])).sorted().toArray();
        double p90 = distances.length == 0 ? 0 : distances[(int) Math.floor(0.9 * (distances.length - 1))];
        double radius = Math.max(3 * threshold, p90 * 1.1);
        if (estimate != null) {
            radius = Math.max(radius, estimate.offset() * 1.5);
        }
        return Math.min(Math.ceil(radius), 100);
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Longitude/latitude to SVG pixels for a bounding box fitted into the drawing. */
    private record Projection(double minLon, double maxLat, double scaleX, double scaleY, double offsetX,
            double offsetY) {
        static Projection fit(List<double[]> points, int width, int height) {
            double[] lons = points.stream().mapToDouble(p -> p[0]).toArray();
            double[] lats = points.stream().mapToDouble(p -> p[1]).toArray();
            double minLon = Arrays.stream(lons).min().orElseThrow();
            double maxLon = Arrays.stream(lons).max().orElseThrow();
            double minLat = Arrays.stream(lats).min().orElseThrow();
            double maxLat = Arrays.stream(lats).max().orElseThrow();
            double cos = Math.cos(Math.toRadians((minLat + maxLat) / 2));
            double spanX = Math.max((maxLon - minLon) * cos, 1e-5);
            double spanY = Math.max(maxLat - minLat, 1e-5);
            double margin = 30;
            double scale = Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY);
            double offsetX = (width - spanX * scale) / 2;
            double offsetY = (height - spanY * scale) / 2;
            return new Projection(minLon, maxLat, scale * cos, scale, offsetX, offsetY);
        }

        String x(double lon) {
            return num(offsetX + (lon - minLon) * scaleX);
        }

        String y(double lat) {
            return num(offsetY + (maxLat - lat) * scaleY);
        }
    }
}
