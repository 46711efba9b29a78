package org.doorplate.server.web;

/**
 * The shared frame of every server-rendered page: a mobile-first layout with inline CSS, no
 * scripts, no external fonts or images, so that a page is one small response that loads on a
 * weak mobile connection and works without JavaScript.
 */
public final class PageLayout {
    /**
     * The whole style sheet, inline. System fonts only (phones have CJK fonts); the Mongolian
     * name is set vertically, top to bottom and left to right as the script is written.
     */
    private static final String CSS = ""
            + "*{box-sizing:border-box}"
            + "body{margin:0;font:16px/1.5 system-ui,-apple-system,'Noto Sans CJK SC',sans-serif;"
            + "color:#1b1f23;background:#f4f5f7}"
            + "main{max-width:40rem;margin:0 auto;padding:0 .75rem 2rem}"
            + "header.plate{background:#0b3d91;color:#fff;padding:1rem .75rem;border-radius:0 0 .5rem .5rem;"
            + "display:flex;gap:.75rem;align-items:flex-start}"
            + "header.plate .names{flex:1}"
            + "header.plate h1{margin:0;font-size:1.9rem;letter-spacing:.05em}"
            + "header.plate .pinyin{margin:0;font-size:1rem;opacity:.9;letter-spacing:.08em}"
            + "header.plate .number{font-size:2.6rem;font-weight:700;line-height:1}"
            + ".mongolian{writing-mode:vertical-lr;text-orientation:sideways;font-size:1.1rem;"
            + "max-height:9rem;margin:0}"
            + "section{background:#fff;margin:.75rem 0;padding:.75rem;border-radius:.5rem;"
            + "box-shadow:0 1px 2px rgba(0,0,0,.08)}"
            + "h2{font-size:1.05rem;margin:0 0 .4rem;color:#0b3d91}"
            + "p{margin:.3rem 0}"
            + "dl{margin:0;display:grid;grid-template-columns:auto 1fr;gap:.15rem .75rem}"
            + "dt{color:#57606a}dd{margin:0}"
            + "ul{margin:0;padding-left:1.1rem}"
            + ".former{color:#57606a;font-size:.9rem}"
            + ".emergency{display:grid;grid-template-columns:repeat(2,1fr);gap:.5rem;list-style:none;padding:0}"
            + ".emergency a{display:block;text-align:center;padding:.5rem;border-radius:.4rem;"
            + "background:#c62828;color:#fff;text-decoration:none;font-weight:700}"
            + ".emergency small{display:block;font-weight:400}"
            + "form label{display:block;margin:.4rem 0 .1rem}"
            + "select,textarea,input{width:100%;font:inherit;padding:.4rem;border:1px solid #8c959f;"
            + "border-radius:.3rem}"
            + "button{margin-top:.6rem;font:inherit;padding:.5rem 1rem;border:0;border-radius:.3rem;"
            + "background:#0b3d91;color:#fff}"
            + ".restricted{border:2px solid #b26a00}"
            + ".notice{border-left:4px solid #b26a00}"
            + "footer{text-align:center;color:#57606a;font-size:.8rem}"
            + "a{color:#0b3d91}";

    private PageLayout() {
    }

    /** Writes the document head and opens {@code <body>}; close it with {@link #end(Html)}. */
    public static void begin(Html html, String language, String title) {
        html.raw("<!DOCTYPE html>")
                .open("html", "lang", language)
                .raw("<head><meta charset=\"utf-8\">")
                .raw("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .element("title", null, title)
                .raw("<style>").raw(CSS).raw("</style></head><body>");
    }

    /** Writes a footer line and closes the document. */
    public static void end(Html html, String footer) {
        html.element("footer", null, footer).raw("</body></html>");
    }
}
