package org.leadtocash.system.web;

import org.leadtocash.shared.InvalidInputException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * JSON request bodies of the app's API must be well-formed UTF-8 (RFC 8259 §8.1). Jackson's own UTF-8 reader is
 * lenient: it turns overlong forms ({@code C0 AF} becomes "/"), encoded surrogates ({@code ED A0 80}) and code points
 * beyond U+10FFFF into characters, so malformed bytes could be stored as text that no one sent. Bodies are checked
 * strictly before Jackson reads them and refused with a 400 naming the body and the byte offset. Bodies in UTF-16/32
 * (which Jackson detects) and bodies declared in another charset are left to the converter.
 */
@ControllerAdvice(basePackages = "org.leadtocash")
class Utf8JsonBodyAdvice extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return AbstractJackson2HttpMessageConverter.class.isAssignableFrom(converterType);
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        byte[] body;
        try (InputStream in = input.getBody()) {
            body = in.readAllBytes();
        }
        MediaType type = input.getHeaders().getContentType();
        Charset declared = type == null ? null : type.getCharset();
        boolean readAsUnicode = declared == null || declared.name().startsWith("UTF-");
        if (readAsUnicode && !looksLikeUtf16Or32(body)) {
            int bad = firstMalformedByte(body);
            if (bad >= 0) {
                throw new InvalidInputException("body", "utf-8", "the request body is not well-formed UTF-8 (byte " + bad + ")");
            }
        }
        HttpHeaders headers = input.getHeaders();
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
    }

    /** As Jackson decides: a UTF-16/32 byte-order mark, or a NUL among the first four bytes. */
    private static boolean looksLikeUtf16Or32(byte[] b) {
        if (b.length >= 2 && ((b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF || (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE)) {
            return true;
        }
        for (int i = 0; i < Math.min(4, b.length); i++) {
            if (b[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** The offset of the first byte that is not well-formed UTF-8, or -1. */
    private static int firstMalformedByte(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult result = in.hasRemaining() ? decoder.decode(in, out, true) : decoder.flush(out);
            if (result.isError()) {
                return in.position();
            }
            if (result.isOverflow()) {
                out.clear();
            } else if (!in.hasRemaining()) {
                return decoder.flush(out).isError() ? in.position() : -1;
            }
        }
    }
}
