package org.doorplate.server.doorplate;

import io.micronaut.core.annotation.Nullable;
import java.util.Locale;

/**
 * The languages of the scan page: Chinese (the default) and English, which spells names in
 * pinyin.
 */
public enum Language {
    ZH("zh-CN"),
    EN("en");

    private final String tag;

    Language(String tag) {
        this.tag = tag;
    }

    /** The BCP 47 tag for {@code lang} and {@code Content-Language}. */
    public String tag() {
        return tag;
    }

    /**
     * The language for a request: an explicit {@code ?lang=} wins, then the preferred of zh and
     * en in {@code Accept-Language} (RFC 9110 section 12.5.4), then Chinese.
     */
    public static Language choose(@Nullable String explicit, @Nullable String acceptLanguage) {
        if (explicit != null) {
            return explicit.toLowerCase(Locale.ROOT).startsWith("en") ? EN : ZH;
        }
        if (acceptLanguage == null || acceptLanguage.length() > 512) {
            return ZH;
        }
        double zh = 0;
        double en = 0;
        for (String range : acceptLanguage.split(",")) {
            String[] parts = range.trim().split(";");
            String name = parts[0].trim().toLowerCase(Locale.ROOT);
            double q = Negotiation.quality(parts);
            if (name.equals("zh") || name.startsWith("zh-")) {
                zh = Math.max(zh, q);
            } else if (name.equals("en") || name.startsWith("en-")) {
                en = Math.max(en, q);
            }
        }
        return en > zh ? EN : ZH;
    }
}
