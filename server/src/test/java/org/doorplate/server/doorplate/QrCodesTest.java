package org.doorplate.server.doorplate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Verifies that plate QR codes decode to their URL with ZXing and with an independent decoder. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QrCodesTest {
    private static final String URL = "http://localhost:8080/q/" + PlateCode.generate();

    @TempDir
    Path directory;

    @Test
    void pngDecodesToTheScanUrlWithZxing() throws Exception {
        // GIVEN a PNG made by the server
        byte[] png = QrCodes.png(URL, 400);

        // WHEN ZXing reads it back
        Result result = decode(ImageIO.read(new ByteArrayInputStream(png)));

        // THEN it holds exactly the URL, at the level chosen for outdoor plates
        assertEquals(URL, result.getText());
        assertEquals("H", result.getResultMetadata().get(com.google.zxing.ResultMetadataType.ERROR_CORRECTION_LEVEL));
    }

    @Test
    void everyCodeTheServerWouldIssueDecodesWithZxingAtAnySize() throws Exception {
        // GIVEN random codes behind a longer public URL, kept only if the readability check passes
        // A fixed seed keeps the test repeatable: about 1% of symbols defeat ZXing, so a fresh
        // random draw each run would make the result depend on luck.
        Random random = new Random(20261204L);
        int issued = 0;
        for (int i = 0; i < 60; i++) {
            String url = "https://plates.example.test/q/" + seededCode(random);
            if (!QrCodes.zxingReads(url)) {
                continue;
            }
            issued++;
            for (int size : new int[] {150, 300, 600}) {
                // WHEN each is drawn at that size and read back
                byte[] png = QrCodes.png(url, size);

                // THEN it decodes to its URL
                assertEquals(url, decode(ImageIO.read(new ByteArrayInputStream(png))).getText(), url + " " + size);
            }
        }
        assertTrue(issued > 50, "issued " + issued);
    }

    @Test
    void symbolThatDefeatsZxingIsNeverIssued() throws Exception {
        // GIVEN a URL whose symbol ZXing's detector misses at 200 pixels and more (zbar reads it)
        String url = "https://plates.example.test/q/CFTAWF4RGGQ7U";
        Path file = directory.resolve("hard.png");
        Files.write(file, QrCodes.png(url, 400));

        // WHEN / THEN the readability check refuses it, although the symbol itself is valid
        assertFalse(QrCodes.zxingReads(url));
        assertEquals(url, zbarimg(file));
    }

    @Test
    void pngDecodesToTheScanUrlWithZbar() throws Exception {
        // GIVEN a PNG made by the server, written to a file
        Path file = directory.resolve("plate.png");
        Files.write(file, QrCodes.png(URL, 300));

        // WHEN zbar's command-line decoder, which shares no code with ZXing, reads it
        String decoded = zbarimg(file);

        // THEN it reads the same URL
        assertEquals(URL, decoded);
    }

    @Test
    void svgCarriesASymbolThatZbarDecodes() throws Exception {
        // GIVEN the SVG drawn at 8 pixels per module into a PNG by the small rasteriser below
        String svg = QrCodes.svg(URL);
        Path file = directory.resolve("plate-svg.png");
        ImageIO.write(rasterise(svg, 8), "png", file.toFile());

        // WHEN zbar reads the raster
        String decoded = zbarimg(file);

        // THEN the SVG carries the same symbol
        assertEquals(URL, decoded);
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    }

    @Test
    void quietZoneOfFourModulesSurroundsTheSymbol() {
        // GIVEN an SVG, whose user unit is one module
        String svg = QrCodes.svg(URL);

        // WHEN its first dark module is looked up
        int firstMove = svg.indexOf("d=\"M") + 4;
        String[] origin = svg.substring(firstMove, svg.indexOf('h', firstMove)).split(" ");

        // THEN the symbol starts 4 modules in from both edges
        assertEquals("4", origin[0]);
        assertEquals("4", origin[1]);
    }

    @Test
    void levelHCostsOneVersionForTheDefaultUrl() {
        // GIVEN the default public URL with a code (37 bytes)
        // WHEN its version at level H is computed
        int version = QrCodes.version(URL);

        // THEN it is version 5 (37 modules), as the class comment says
        assertEquals(37, URL.length());
        assertEquals(5, version);
    }

    static Result decode(BufferedImage image) throws NotFoundException, com.google.zxing.ChecksumException,
            com.google.zxing.FormatException {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
    }

    private static String zbarimg(Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("/usr/bin/zbarimg", "--raw", "-q", file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "zbarimg did not finish");
        assertEquals(0, process.exitValue(), "zbarimg failed: " + output);
        return output;
    }

    /** Paints the SVG's module squares (its only drawing commands) at {@code scale} pixels each. */
    private static BufferedImage rasterise(String svg, int scale) {
        int sideStart = svg.indexOf("viewBox=\"0 0 ") + 13;
        int side = Integer.parseInt(svg.substring(sideStart, svg.indexOf(' ', sideStart)));
        BufferedImage image = new BufferedImage(side * scale, side * scale, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, side * scale, side * scale);
        g.setColor(java.awt.Color.BLACK);
        String path = svg.substring(svg.indexOf("d=\"") + 3, svg.lastIndexOf("\"/>"));
        for (String move : path.split("M")) {
            if (move.isEmpty()) {
                continue;
            }
            String[] xy = move.substring(0, move.indexOf('h')).split(" ");
            int run = Integer.parseInt(move.substring(move.indexOf('h') + 1, move.indexOf('v')));
            g.fillRect(Integer.parseInt(xy[0]) * scale, Integer.parseInt(xy[1]) * scale, run * scale, scale);
        }
        g.dispose();
        return image;
    }

    /** A code of the form PlateCode issues (13 base32 characters), drawn from {@code random}. */
    private static String seededCode(Random random) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder code = new StringBuilder(PlateCode.LENGTH);
        for (int i = 0; i < PlateCode.LENGTH; i++) {
            code.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return code.toString();
    }
}
