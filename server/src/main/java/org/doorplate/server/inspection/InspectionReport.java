package org.doorplate.server.inspection;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.doorplate.server.marker.BoundaryLine;
import org.doorplate.server.marker.Marker;
import org.doorplate.server.web.Html;

/**
 * The inspection report: a printable HTML page (photos embedded, so the file stands on its own
 * when saved or printed, with signature lines for both divisions) and a CSV with one row per
 * marker of the line. Markers the inspection did not record are listed as not inspected.
 */
final class InspectionReport {
    /** The condition column of a marker the inspection did not record. */
    static final String NOT_INSPECTED = "not_inspected";
    private static final String CSS = ""
        + "body{font:14px/1.45 system-ui,'Noto Sans CJK SC',sans-serif;color:#111;margin:1.5rem}"
        + "h1{font-size:1.4rem;margin:0 0 .3rem}h2{font-size:1.1rem;margin:1.2rem 0 .4rem}"
        + "table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.25rem .4rem;"
        + "text-align:left;vertical-align:top}th{background:#eee}"
        + "dl{display:grid;grid-template-columns:auto 1fr;gap:.1rem 1rem}dt{color:#555}dd{margin:0}"
        + "img{max-width:160px;max-height:120px;margin:.15rem;border:1px solid #ccc}"
        + ".sign{display:grid;grid-template-columns:1fr 1fr;gap:3rem;margin-top:2.5rem}"
        + ".sign div{border-top:1px solid #111;padding-top:.3rem}"
        + "@media print{body{margin:0}a{color:inherit}tr{page-break-inside:avoid}}";

    private final DateTimeFormatter time;

    InspectionReport(ZoneId zone) {
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(zone);
    }

    String html(Inspection inspection, BoundaryLine line, List<Marker> markers, Map<String, MarkerRecord> records,
            Map<Long, Inspections.StoredPhoto> photos) {
        Html html = new Html(32_000);
        html.raw("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
            .element("title", null, "Joint inspection " + inspection.id() + " · " + line.code())
            .raw("<style>").raw(CSS).raw("</style></head><body>");
        html.element("h1", null, "边界联合检查记录 · Joint inspection report");
        html.raw("<dl>");
        term(html, "Boundary line 边界线", line.code() + " " + line.name());
        term(html, "Divisions 双方", line.leftDivision() + " / " + line.rightDivision());
        term(html, "Date 日期", inspection.date().toString());
        term(html, "Inspectors " + line.leftDivision(), String.join(", ", inspection.leftInspectors()));
        term(html, "Inspectors " + line.rightDivision(), String.join(", ", inspection.rightInspectors()));
        term(html, "Notes 备注", inspection.notes());
        term(html, "Summary 汇总", summary(markers, records));
        html.raw("</dl>");
        html.element("h2", null, "Markers 界桩");
        html.raw("<table><thead><tr><th>Number 编号</th><th>Type</th><th>Reference 坐标</th><th>Condition 状况</th>"
            + "<th>Notes</th><th>Recorded</th><th>Photos</th></tr></thead><tbody>");
        for (Marker marker : markers) {
            MarkerRecord record = records.get(marker.number());
            html.raw("<tr>");
            cell(html, marker.number());
            cell(html, marker.type().letter() + " " + marker.type().group().chineseName());
            cell(html, String.format(Locale.ROOT, "%.7f, %.7f, %.2f m", marker.latitude(), marker.longitude(),
                marker.height()));
            cell(html, record == null ? "not inspected 未检查"
                : record.condition().wireName() + " " + record.condition().chineseName());
            cell(html, record == null ? "" : record.notes());
            cell(html, record == null ? "" : record.recordedBy() + ", " + time.format(record.recordedAt()));
            html.raw("<td>");
            if (record != null) {
                for (MarkerRecord.Photo photo : record.photos()) {
                    Inspections.StoredPhoto stored = photos.get(photo.id());
                    if (stored != null) {
                        html.open("img", "alt", photo.fileName(), "src", "data:" + stored.contentType() + ";base64,"
                            + Base64.getEncoder().encodeToString(stored.data()));
                    }
                }
            }
            html.raw("</td></tr>");
        }
        html.raw("</tbody></table>");
        html.raw("<div class=\"sign\"><div>").text(line.leftDivision() + " 代表签字 · signature").raw("</div><div>")
            .text(line.rightDivision() + " 代表签字 · signature").raw("</div></div></body></html>");
        return html.toString();
    }

    String csv(Inspection inspection, List<Marker> markers, Map<String, MarkerRecord> records) {
        StringWriter out = new StringWriter();
        // A byte-order mark, so that spreadsheet programs read the Chinese columns as UTF-8.
        out.write('\uFEFF');
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("inspection", "line",
                "date", "marker", "type", "latitude", "longitude", "height", "condition", "condition_zh", "notes",
                "recorded_by", "recorded_at", "photos").get())) {
            for (Marker marker : markers) {
                MarkerRecord record = records.get(marker.number());
                csv.printRecord(inspection.id(), inspection.lineCode(), inspection.date(), marker.number(),
                    marker.type().letter(), marker.latitude(), marker.longitude(), marker.height(),
                    record == null ? NOT_INSPECTED : record.condition().wireName(),
                    record == null ? "未检查" : record.condition().chineseName(),
                    record == null ? "" : record.notes(), record == null ? "" : record.recordedBy(),
                    record == null ? "" : record.recordedAt().toString(),
                    record == null ? 0 : record.photos().size());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String summary(List<Marker> markers, Map<String, MarkerRecord> records) {
        Map<MarkerCondition, Integer> counts = new EnumMap<>(MarkerCondition.class);
        records.values().forEach(r -> counts.merge(r.condition(), 1, Integer::sum));
        StringBuilder text = new StringBuilder();
        counts.forEach((condition, n) -> text.append(condition.wireName()).append(' ').append(n).append(", "));
        long missing = markers.stream().filter(m -> !records.containsKey(m.number())).count();
        return text.append("not inspected ").append(missing).append(" of ").append(markers.size()).toString();
    }

    private static void term(Html html, String term, String value) {
        html.element("dt", null, term).element("dd", null, value);
    }

    private static void cell(Html html, String text) {
        html.raw("<td>").text(text).raw("</td>");
    }
}
