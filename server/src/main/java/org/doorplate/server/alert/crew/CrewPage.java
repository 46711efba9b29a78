package org.doorplate.server.alert.crew;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.doorplate.server.alert.Alert;
import org.doorplate.server.alert.AlertState;
import org.doorplate.server.alert.Severity;
import org.doorplate.server.marker.detect.OffsetEstimate;
import org.doorplate.server.telemetry.DeviceState;
import org.doorplate.server.web.Html;

/**
 * Renders the crew page. Everything is in the HTML, so the page shows the state and its forms
 * work without JavaScript; a short inline script only listens to the alert stream and swaps in
 * a fresh copy of the {@code live} part after each change.
 */
final class CrewPage {
    private static final String CSS = ""
        + "*{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,'Noto Sans CJK SC',sans-serif;"
        + "color:#1b1f23;background:#f4f5f7}"
        + "header{background:#0b3d91;color:#fff;padding:.6rem 1rem;display:flex;gap:1rem;align-items:center}"
        + "header h1{font-size:1.2rem;margin:0;flex:1}header form{margin:0}"
        + "main{max-width:80rem;margin:0 auto;padding:.5rem 1rem 2rem}"
        + "section{background:#fff;margin:.75rem 0;padding:.75rem;border-radius:.5rem;"
        + "box-shadow:0 1px 2px rgba(0,0,0,.08)}"
        + "h2{font-size:1.05rem;margin:0 0 .5rem;color:#0b3d91}"
        + "table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .4rem;"
        + "border-bottom:1px solid #e5e7eb;vertical-align:top}th{color:#57606a;font-weight:600}"
        + ".sev{display:inline-block;padding:0 .4rem;border-radius:.3rem;color:#fff;font-size:.85rem}"
        + ".sev-critical{background:#7f0000}.sev-high{background:#c62828}.sev-medium{background:#b26a00}"
        + ".sev-low{background:#0b3d91}.sev-info{background:#57606a}"
        + ".state-acknowledged{color:#b26a00}.state-open{color:#c62828;font-weight:600}"
        + ".dot{display:inline-block;width:.7rem;height:.7rem;border-radius:50%;margin-right:.3rem}"
        + "td form{display:inline;margin:0}button{font:inherit;padding:.2rem .6rem;border:0;border-radius:.3rem;"
        + "background:#0b3d91;color:#fff;cursor:pointer}button.resolve{background:#2e7d32}"
        + "svg.map{width:100%;height:auto;border-radius:.4rem}"
        + ".plots{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:.75rem}"
        + ".plots figure{margin:0}.plots figcaption{font-size:.85rem}svg.plot{width:100%;height:auto;"
        + "border:1px solid #e5e7eb;border-radius:.3rem}"
        + ".summary{display:flex;gap:1.5rem;flex-wrap:wrap}.summary b{font-size:1.4rem;display:block}"
        + ".notice{border-left:4px solid #b26a00}.empty{color:#57606a}"
        + "#status{font-size:.85rem;opacity:.85}"
        + "form.signin{max-width:22rem}form.signin label{display:block;margin:.5rem 0 .1rem}"
        + "form.signin input{width:100%;font:inherit;padding:.4rem;border:1px solid #8c959f;border-radius:.3rem}"
        + "form.signin button{margin-top:.8rem;padding:.5rem 1rem}";

    /** Listens to the stream; on any alert change fetches the live part again (at most 3 per second). */
    private static final String SCRIPT = ""
        + "(function(){if(!window.EventSource||!window.fetch){return;}"
        + "var status=document.getElementById('status'),timer=null;"
        + "function refresh(){fetch('/crew?part=live',{credentials:'same-origin'})"
        + ".then(function(r){return r.ok?r.text():null;}).then(function(h){if(h!==null){"
        + "document.getElementById('live').innerHTML=h;"
        + "status.textContent='live \\u00b7 updated '+new Date().toLocaleTimeString();}});}"
        + "var es=new EventSource('/api/v1/alerts/stream');"
        + "es.onopen=function(){status.textContent='live';};"
        + "es.onerror=function(){status.textContent='reconnecting\\u2026';};"
        + "['opened','acknowledged','resolved','cleared','reminded','escalated'].forEach(function(k){"
        + "es.addEventListener(k,function(){clearTimeout(timer);timer=setTimeout(refresh,300);});});})();";

    private final DateTimeFormatter time;

    CrewPage(ZoneId zone) {
        this.time = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(zone);
    }

    /** The sign-in page, with an optional error line. */
    String signIn(@Nullable String error) {
        Html html = new Html(4_000);
        begin(html, "Crew sign-in");
        html.raw("<header><h1>Boundary markers and doorplates · crews 维护班组</h1></header><main><section>");
        html.element("h2", null, "Sign in 登录");
        if (error != null) {
            html.element("p", "notice", error);
        }
        html.raw("<form class=\"signin\" method=\"post\" action=\"/crew/login\">")
            .raw("<label for=\"username\">User name 用户名</label>")
            .raw("<input id=\"username\" name=\"username\" autocomplete=\"username\" required>")
            .raw("<label for=\"password\">Password 密码</label>")
            .raw("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\""
                + " required>")
            .raw("<button type=\"submit\">Sign in</button></form>");
        html.raw("</section></main></body></html>");
        return html.toString();
    }

    /** The whole page for a signed-in crew member. */
    String page(CrewBoard.Board board, String user, @Nullable String notice) {
        Html html = new Html(64_000);
        begin(html, "Crew board");
        html.raw("<header><h1>Crew board 维护看板</h1><span id=\"status\">")
            .text("as of " + time.format(board.at())).raw("</span><span>").text(user).raw("</span>")
            .raw("<form method=\"post\" action=\"/crew/logout\"><button type=\"submit\">Sign out</button></form>")
            .raw("</header><main>");
        if (notice != null) {
            html.raw("<section class=\"notice\">").text(notice).raw("</section>");
        }
        html.raw("<div id=\"live\">").raw(live(board)).raw("</div>");
        html.raw("</main><script>").raw(SCRIPT).raw("</script></body></html>");
        return html.toString();
    }

    /** The part that changes with the alerts: summary, map, alerts, markers, plates and plots. */
    String live(CrewBoard.Board board) {
        Html html = new Html(48_000);
        summary(html, board);
        html.raw("<section><h2>Map 分布图</h2>");
        CrewSvg.map(html, board);
        html.raw("<p class=\"empty\">Circles: markers; squares: doorplates. Red: open alert;"
            + " amber: acknowledged; green: ok; grey: no report yet.</p></section>");
        alerts(html, board.live());
        markers(html, board);
        plates(html, board);
        plots(html, board);
        return html.toString();
    }

    private void summary(Html html, CrewBoard.Board board) {
        long open = board.live().stream().filter(a -> a.state() == AlertState.OPEN).count();
        long acknowledged = board.live().size() - open;
        long withAlerts = board.markers().stream().filter(r -> !r.alerts().isEmpty()).count();
        html.raw("<section class=\"summary\">");
        item(html, Long.toString(open), "open alerts 未处理");
        item(html, Long.toString(acknowledged), "acknowledged 处理中");
        item(html, withAlerts + " / " + board.markers().size(), "markers with alerts 界桩告警");
        item(html, Integer.toString(board.plates().size()), "doorplate devices");
        html.raw("</section>");
    }

    private static void item(Html html, String value, String label) {
        html.raw("<div><b>").text(value).raw("</b>").text(label).raw("</div>");
    }

    private void alerts(Html html, List<Alert> live) {
        html.raw("<section><h2>Alerts 告警</h2>");
        if (live.isEmpty()) {
            html.element("p", "empty", "No open alerts.");
            html.raw("</section>");
            return;
        }
        html.raw("<table class=\"alerts\"><thead><tr><th>Severity</th><th>Fault</th><th>Subject</th><th>Area</th>"
            + "<th>Message</th><th>Opened</th><th>State</th><th></th></tr></thead><tbody>");
        for (Alert alert : live) {
            html.raw("<tr id=\"alert-" + alert.id() + "\">");
            html.raw("<td><span class=\"sev sev-" + alert.severity().wireName() + "\">")
                .text(alert.severity().wireName()).raw("</span></td>");
            cell(html, alert.faultType());
            cell(html, alert.subjectId());
            cell(html, alert.areaCode() == null ? "" : alert.areaCode());
            cell(html, alert.message() + (alert.reminders() > 0 ? " (reminded " + alert.reminders() + "×)" : ""));
            cell(html, time.format(alert.openedAt()));
            html.raw("<td class=\"state-" + alert.state().wireName() + "\">").text(alert.state().wireName()
                + (alert.acknowledgedBy() != null ? " by " + alert.acknowledgedBy() : "")).raw("</td><td>");
            if (alert.state() == AlertState.OPEN) {
                button(html, alert.id(), "ack", "Acknowledge", "ack");
            }
            button(html, alert.id(), "resolve", "Resolve", "resolve");
            html.raw("</td></tr>");
        }
        html.raw("</tbody></table></section>");
    }

    private static void button(Html html, long id, String action, String label, String css) {
        html.raw("<form method=\"post\" action=\"/crew/alerts/" + id + "/" + action + "\"><button class=\"" + css
            + "\" type=\"submit\">" + label + "</button></form> ");
    }

    private void markers(Html html, CrewBoard.Board board) {
        html.raw("<section><h2>Markers by status 界桩</h2>");
        if (board.markers().isEmpty()) {
            html.element("p", "empty", "No markers registered.");
            html.raw("</section>");
            return;
        }
        html.raw("<table class=\"markers\"><thead><tr><th>Status</th><th>Number</th><th>Device</th><th>Alerts</th>"
            + "<th>Offset estimate</th><th>Tilt</th><th>Battery</th><th>Last report</th></tr></thead><tbody>");
        board.markers().stream().sorted((a, b) -> a.status() != b.status() ? a.status().compareTo(b.status())
            : a.marker().number().compareTo(b.marker().number())).forEach(row -> {
                html.raw("<tr>");
                status(html, row.status());
                cell(html, row.marker().number());
                cell(html, row.marker().deviceId() == null ? "none" : row.marker().deviceId());
                cell(html, faults(row.alerts()));
                cell(html, estimate(row.estimate()));
                cell(html, row.state() == null || row.state().tiltDegrees() == null ? ""
                    : String.format(Locale.ROOT, "%.1f°", row.state().tiltDegrees()));
                battery(html, row.state());
                cell(html, lastReport(row.state(), board.at()));
                html.raw("</tr>");
            });
        html.raw("</tbody></table></section>");
    }

    private void plates(Html html, CrewBoard.Board board) {
        html.raw("<section><h2>Doorplates by status 智能门牌</h2>");
        if (board.plates().isEmpty()) {
            html.element("p", "empty", "No doorplate devices registered.");
            html.raw("</section>");
            return;
        }
        html.raw("<table class=\"plates\"><thead><tr><th>Status</th><th>Device</th><th>Alerts</th><th>Backlight</th>"
            + "<th>Battery</th><th>Last report</th></tr></thead><tbody>");
        board.plates().stream().sorted((a, b) -> a.status() != b.status() ? a.status().compareTo(b.status())
            : a.deviceId().compareTo(b.deviceId())).forEach(row -> {
                html.raw("<tr>");
                status(html, row.status());
                cell(html, row.deviceId());
                cell(html, faults(row.alerts()));
                cell(html, row.state() == null || row.state().backlight() == null ? "" : row.state().backlight());
                battery(html, row.state());
                cell(html, lastReport(row.state(), board.at()));
                html.raw("</tr>");
            });
        html.raw("</tbody></table></section>");
    }

    private void plots(Html html, CrewBoard.Board board) {
        if (board.plots().isEmpty()) {
            return;
        }
        html.raw("<section><h2>Recent fixes around the reference 定位散点</h2><div class=\"plots\">");
        for (CrewBoard.Plot plot : board.plots()) {
            html.raw("<figure>");
            CrewSvg.plot(html, plot, board.threshold());
            html.raw("<figcaption>").text(plot.row().marker().number() + " · " + plot.row().status().label() + " · "
                + estimate(plot.row().estimate())).raw("</figcaption></figure>");
        }
        html.raw("</div><p class=\"empty\">Dots: fixes of the last 48 h (metres east and north of the surveyed"
            + " position); dashed circle: displacement threshold; amber: robust estimate ± 2 standard errors."
            + " One fix outside the circle is noise, not a displacement.</p></section>");
    }

    private static void status(Html html, CrewBoard.Status status) {
        html.raw("<td><span class=\"dot\" style=\"background:" + status.colour() + "\"></span>")
            .text(status.label()).raw("</td>");
    }

    private static void battery(Html html, @Nullable DeviceState state) {
        cell(html, state == null || state.batteryVolts() == null ? ""
            : String.format(Locale.ROOT, "%.2f V", state.batteryVolts()));
    }

    private static String faults(List<Alert> alerts) {
        return String.join(", ", alerts.stream().map(a -> a.faultType()
            + (a.severity().compareTo(Severity.HIGH) >= 0 ? "!" : "")).toList());
    }

    private static String estimate(@Nullable OffsetEstimate e) {
        return e == null ? "" : String.format(Locale.ROOT, "%.2f m ± %.2f m (%d fixes)", e.offset(),
            e.standardError(), e.fixes());
    }

    private String lastReport(@Nullable DeviceState state, Instant now) {
        if (state == null) {
            return "never";
        }
        long minutes = Duration.between(state.lastSeen(), now).toMinutes();
        String ago = minutes < 120 ? minutes + " min ago" : minutes / 60 + " h ago";
        return time.format(state.lastSeen()) + " (" + ago + ")";
    }

    private static void cell(Html html, String text) {
        html.raw("<td>").text(text).raw("</td>");
    }

    private static void begin(Html html, String title) {
        html.raw("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
            .raw("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
            .element("title", null, title).raw("<style>").raw(CSS).raw("</style></head><body>");
    }
}
