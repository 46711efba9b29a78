package org.doorplate.server.doorplate;

import java.util.List;
import java.util.Locale;
import org.doorplate.server.gazetteer.PlaceName;
import org.doorplate.server.web.Html;

/**
 * The plate maker's print sheet of one road: every active plate drawn as GB 17733 lays out a
 * house-number plate (road name in Chinese with its pinyin beneath, the number large in the
 * middle, the postcode at the bottom), with the QR code beside the number. Sized in millimetres
 * for A4 and print CSS; each plate is 100 x 60 mm and never split across pages.
 */
public final class PrintSheet {
    private static final String CSS = "@page{size:A4;margin:10mm}"
            + "body{margin:0;font-family:'Noto Sans CJK SC',sans-serif}"
            + ".sheet{display:flex;flex-wrap:wrap;gap:5mm}"
            + ".plate{width:100mm;height:60mm;background:#0b3d91;color:#fff;border:1.5mm solid #fff;"
            + "outline:.3mm solid #0b3d91;border-radius:3mm;display:grid;padding:3mm;"
            + "grid-template-columns:1fr 32mm;grid-template-rows:auto 1fr auto;break-inside:avoid;"
            + "-webkit-print-color-adjust:exact;print-color-adjust:exact}"
            + ".road{grid-column:1;font-size:8mm;font-weight:700;letter-spacing:1mm;line-height:1.1}"
            + ".pinyin{display:block;font-size:3.2mm;letter-spacing:.4mm;font-weight:400}"
            + ".number{grid-column:1;grid-row:2;font-size:17mm;font-weight:700;align-self:center}"
            + ".number small{font-size:7mm}"
            + ".qr{grid-column:2;grid-row:1/4;align-self:center;background:#fff;padding:1mm}"
            + ".qr svg{display:block;width:30mm;height:30mm}"
            + ".postcode{grid-column:1;grid-row:3;font-size:3.5mm}"
            + ".code{font-size:2.5mm;opacity:.8}"
            + "@media screen{body{padding:5mm;background:#ddd}}";

    private PrintSheet() {
    }

    public static String render(PlaceName road, List<Doorplate> plates) {
        Html html = new Html(4000 + plates.size() * 9000);
        html.raw("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
                .element("title", null, road.standardName() + " 门牌印刷单")
                .raw("<style>").raw(CSS).raw("</style></head><body><div class=\"sheet\">");
        for (Doorplate plate : plates) {
            if (plate.retired()) {
                continue;
            }
            html.raw("<div class=\"plate\"><div class=\"road\">").text(road.standardName());
            if (road.pinyin() != null) {
                html.element("span", "pinyin", road.pinyin().toUpperCase(Locale.ROOT));
            }
            html.raw("</div><div class=\"number\">").text(plate.number()).raw("<small>号</small>");
            if (plate.building() != null || plate.unit() != null) {
                html.element("small", null, " " + (plate.building() == null ? "" : plate.building() + "栋")
                        + (plate.unit() == null ? "" : plate.unit() + "单元"));
            }
            html.raw("</div><div class=\"qr\">").raw(QrCodes.svg(plate.url())).raw("</div>")
                    .raw("<div class=\"postcode\">")
                    .text(plate.postcode() == null ? "" : "邮编 " + plate.postcode())
                    .element("div", "code", plate.code()).raw("</div></div>");
        }
        html.raw("</div></body></html>");
        return html.toString();
    }
}
