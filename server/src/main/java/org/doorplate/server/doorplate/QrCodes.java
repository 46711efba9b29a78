package org.doorplate.server.doorplate;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.EncodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Draws a plate's QR symbol as PNG or SVG.
 *
 * <p>Error correction level H restores up to 30% of damaged codewords. A plate hangs outdoors for
 * a decade or more: sun fades it, dust, rain streaks, stickers and scratches cover parts of it,
 * and people scan it at an angle from a metre away. The scan URL is short (about 37 bytes with
 * the default public URL), so H costs a single symbol version over Q (version 5, 37 modules,
 * instead of version 4, 33): at the 5 cm a GB 17733 plate leaves beside the number, a module
 * stays above 1.1 mm, which phone cameras read easily. The quiet zone is the 4 modules ISO/IEC
 * 18004 asks for; a plate's enamel border must not intrude on it.
 */
public final class QrCodes {
    /** Light modules the standard requires around the symbol. */
    public static final int QUIET_ZONE = 4;
    /** The error correction level of every plate symbol; see the class comment. */
    public static final ErrorCorrectionLevel LEVEL = ErrorCorrectionLevel.H;

    private static final Map<EncodeHintType, Object> HINTS = Map.of(
            EncodeHintType.ERROR_CORRECTION, LEVEL,
            EncodeHintType.MARGIN, QUIET_ZONE,
            EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());

    private QrCodes() {
    }

    /**
     * A PNG of about {@code size} pixels square; each module is a whole number of pixels, so
     * the image may be slightly smaller than asked for a crisp print.
     */
    public static byte[] png(String text, int size) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size, HINTS);
            ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
            MatrixToImageWriter.writeToStream(matrix, "PNG", out);
            return out.toByteArray();
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode " + text.length() + " characters as a QR code", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An SVG whose user unit is one module: one path of dark squares on a white square that
     * includes the quiet zone. It scales to any print size without loss.
     */
    public static String svg(String text) {
        ByteMatrix matrix = matrix(text);
        int side = matrix.getWidth() + 2 * QUIET_ZONE;
        StringBuilder svg = new StringBuilder(8192)
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(side).append(' ')
                .append(side).append("\" shape-rendering=\"crispEdges\" role=\"img\">")
                .append("<rect width=\"").append(side).append("\" height=\"").append(side)
                .append("\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
        for (int y = 0; y < matrix.getHeight(); y++) {
            int x = 0;
            while (x < matrix.getWidth()) {
                if (matrix.get(x, y) != 1) {
                    x++;
                    continue;
                }
                int run = x;
                while (run < matrix.getWidth() && matrix.get(run, y) == 1) {
                    run++;
                }
                svg.append('M').append(x + QUIET_ZONE).append(' ').append(y + QUIET_ZONE)
                        .append('h').append(run - x).append("v1h-").append(run - x).append('z');
                x = run;
            }
        }
        return svg.append("\"/></svg>").toString();
    }

    /**
     * Whether ZXing's own reader decodes the symbol of the text, drawn clean at 3 and at 7
     * pixels per module. About one symbol in a hundred (31 of 3000 random plate URLs measured)
     * defeats ZXing's finder-pattern detector at most scales although zbar reads it; many
     * phone scanners are built on ZXing, so the server never issues such a code (see
     * {@link Doorplates}).
     */
    public static boolean zxingReads(String text) {
        try {
            int modules = matrix(text).getWidth() + 2 * QUIET_ZONE;
            return readsAt(text, modules * 3) && readsAt(text, modules * 7);
        } catch (WriterException | NotFoundException | ChecksumException | FormatException e) {
            return false;
        }
    }

    private static boolean readsAt(String text, int side)
            throws WriterException, NotFoundException, ChecksumException, FormatException {
        BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, side, side, HINTS);
        BufferedImageLuminanceSource source =
                new BufferedImageLuminanceSource(MatrixToImageWriter.toBufferedImage(matrix));
        Result result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)));
        return text.equals(result.getText());
    }

    /** The symbol version (1-40) the text needs at this class's level. */
    public static int version(String text) {
        try {
            return Encoder.encode(text, LEVEL, HINTS).getVersion().getVersionNumber();
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode " + text.length() + " characters as a QR code", e);
        }
    }

    private static ByteMatrix matrix(String text) {
        try {
            return Encoder.encode(text, LEVEL, HINTS).getMatrix();
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode " + text.length() + " characters as a QR code", e);
        }
    }
}
