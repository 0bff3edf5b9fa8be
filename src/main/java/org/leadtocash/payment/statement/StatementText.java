package org.leadtocash.payment.statement;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Set;

import org.leadtocash.shared.InvalidInputException;

/**
 * Turns the bytes of an uploaded statement into text, or refuses the file with a 400 that says what is wrong.
 * <p>
 * Encoding: a charset declared by the client ({@code Content-Type: text/csv; charset=GBK}) is used as declared
 * (UTF-8, GBK, GB2312 or GB18030); otherwise a UTF-8 byte-order mark means UTF-8, bytes that decode as strict UTF-8
 * are UTF-8, and bytes that do not but decode as GBK (what Excel on a Chinese Windows saves as "CSV") are GBK, then
 * GB18030. Anything else is refused rather than guessed: a wrongly guessed encoding would turn payer names and memos
 * into mojibake and invoice numbers into misses.
 * <p>
 * Binary files are recognised and named: Excel workbooks (.xlsx ZIP, .xls OLE2), PDF, UTF-16 text, and any file with
 * NUL or other control characters.
 */
final class StatementText {
    private static final Set<String> ACCEPTED_CHARSETS = Set.of("UTF-8", "GBK", "GB18030", "GB2312");
    private static final Charset GBK = Charset.forName("GBK");
    private static final Charset GB18030 = Charset.forName("GB18030");

    /** Decoded text without a byte-order mark, and the name of the charset it was read in. */
    record Decoded(String text, String charset) {
    }

    private StatementText() {
    }

    /**
     * @param bytes           the whole file (at most {@link ParsedStatement#MAX_BYTES}; the caller enforces that while reading)
     * @param declaredCharset the charset parameter of the Content-Type, or {@code null}
     */
    static Decoded decode(byte[] bytes, String declaredCharset) {
        if (bytes.length > ParsedStatement.MAX_BYTES) {
            throw tooLarge(bytes.length);
        }
        if (isBlank(bytes)) {
            throw new InvalidInputException("file", "not-empty", "对账单文件为空 the statement file is empty");
        }
        refuseKnownBinary(bytes);
        Decoded decoded = declaredCharset == null || declaredCharset.isBlank() ? detect(bytes) : declared(bytes, declaredCharset.strip());
        refuseControlCharacters(decoded.text());
        return decoded;
    }

    static InvalidInputException tooLarge(long size) {
        return new InvalidInputException("file", "max-size", "对账单文件超过 5 MB the statement file must be at most "
                + ParsedStatement.MAX_BYTES + " bytes (5 MB)" + (size > 0 ? ", was " + size + " bytes or more" : "")
                + "; split it by date range");
    }

    private static Decoded detect(byte[] bytes) {
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return new Decoded(strict(bytes, 3, StandardCharsets.UTF_8, "UTF-8"), "UTF-8");
        }
        String utf8 = tryDecode(bytes, StandardCharsets.UTF_8);
        if (utf8 != null) {
            return new Decoded(utf8, "UTF-8");
        }
        String gbk = tryDecode(bytes, GBK);
        if (gbk != null) {
            return new Decoded(gbk, "GBK");
        }
        String gb18030 = tryDecode(bytes, GB18030);
        if (gb18030 != null) {
            return new Decoded(gb18030, "GB18030");
        }
        throw new InvalidInputException("file", "encoding",
                "对账单不是 UTF-8 或 GBK 编码的文本 the statement is neither UTF-8 nor GBK text; export it as CSV (UTF-8) or JSON");
    }

    private static Decoded declared(byte[] bytes, String name) {
        Charset charset;
        try {
            charset = Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw unsupportedCharset(name);
        }
        String canonical = charset.name().toUpperCase(Locale.ROOT);
        if (!ACCEPTED_CHARSETS.contains(canonical)) {
            throw unsupportedCharset(name);
        }
        int offset = canonical.equals("UTF-8") && startsWith(bytes, 0xEF, 0xBB, 0xBF) ? 3 : 0;
        return new Decoded(strict(bytes, offset, charset, canonical), canonical);
    }

    private static InvalidInputException unsupportedCharset(String name) {
        return new InvalidInputException("charset", "supported-charset",
                "charset '" + name + "' is not supported; use UTF-8 or GBK");
    }

    private static String strict(byte[] bytes, int offset, Charset charset, String name) {
        String text = tryDecode(bytes, offset, charset);
        if (text == null) {
            throw new InvalidInputException("file", "encoding",
                    "对账单不是合法的 " + name + " 文本 the statement is not valid " + name + " text");
        }
        return text;
    }

    private static String tryDecode(byte[] bytes, Charset charset) {
        return tryDecode(bytes, 0, charset);
    }

    private static String tryDecode(byte[] bytes, int offset, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static void refuseKnownBinary(byte[] bytes) {
        String what = null;
        if (startsWith(bytes, 'P', 'K', 0x03, 0x04)) {
            what = "an Excel workbook (.xlsx) or another ZIP archive";
        } else if (startsWith(bytes, 0xD0, 0xCF, 0x11, 0xE0)) {
            what = "an old Excel workbook (.xls)";
        } else if (startsWith(bytes, '%', 'P', 'D', 'F')) {
            what = "a PDF document";
        } else if (startsWith(bytes, 0xFF, 0xFE) || startsWith(bytes, 0xFE, 0xFF)) {
            what = "UTF-16 text (Excel's \"Unicode text\")";
        }
        if (what != null) {
            throw new InvalidInputException("file", "text-statement",
                    "对账单是二进制文件 the file is " + what + ", not a CSV or JSON statement; export the statement as CSV (UTF-8) or JSON");
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw binary("a NUL byte at offset " + i);
            }
        }
    }

    private static void refuseControlCharacters(String text) {
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            } else if (c < 0x20 && c != '\t' && c != '\r' || c == 0x7F) {
                throw binary(String.format("control character U+%04X on line %d", (int) c, line));
            }
        }
    }

    private static InvalidInputException binary(String found) {
        return new InvalidInputException("file", "text-statement",
                "对账单含有二进制内容 the file is not a text statement: found " + found + "; export the statement as CSV (UTF-8) or JSON");
    }

    private static boolean isBlank(byte[] bytes) {
        int start = startsWith(bytes, 0xEF, 0xBB, 0xBF) ? 3 : 0;
        for (int i = start; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
