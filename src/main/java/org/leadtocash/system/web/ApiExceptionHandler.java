package org.leadtocash.system.web;

import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.InvalidInputException;
import org.leadtocash.shared.NotFoundException;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns errors of the app's own REST API ({@code /api/**}) into RFC 9457 problem details.
 * Input errors always name the field and the rule; nothing internal leaks; 500 only for real faults.
 * Ordered first so it, not Spring Boot's {@code ProblemDetailsExceptionHandler}, answers framework errors (unreadable JSON, missing parameters).
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(basePackages = "org.leadtocash")
public class ApiExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    /** Jackson's message when {@code spring.jackson.parser.strict-duplicate-detection} meets a key twice. */
    /** How long a client should wait before retrying while the database is unavailable. */
    static final int RETRY_AFTER_SECONDS = 5;
    private static final Pattern DUPLICATE_FIELD = Pattern.compile("(?s)Duplicate field '(.*)'");

    @ExceptionHandler(InvalidInputException.class)
    public ProblemDetail invalidInput(InvalidInputException e) {
        return badRequest("输入有误 Invalid input", e.errors());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ProblemDetail unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException u) {
            return badRequest("输入有误 Invalid input",
                    List.of(new FieldError(u.getPropertyName(), "known-field", "unknown field; allowed fields are " + u.getKnownPropertyIds())));
        }
        if (cause instanceof InvalidFormatException f) {
            String field = path(f);
            String expected = f.getTargetType() == null ? "value" : describeType(f.getTargetType());
            return badRequest("输入有误 Invalid input", List.of(new FieldError(field, "type", "must be " + expected)));
        }
        if (cause instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            String expected = m.getTargetType() == null ? "value" : describeType(m.getTargetType());
            return badRequest("输入有误 Invalid input", List.of(new FieldError(path(m), "type", "must be " + expected)));
        }
        if (cause instanceof JsonParseException p) {
            Matcher duplicate = DUPLICATE_FIELD.matcher(String.valueOf(p.getOriginalMessage()));
            if (duplicate.matches()) {
                return badRequest("输入有误 Invalid input", List.of(new FieldError(duplicate.group(1), "unique-field",
                        "appears more than once; send every field once")));
            }
            return badRequest("请求体不是合法的 JSON Malformed JSON",
                    List.of(new FieldError("body", "json", "malformed JSON at line " + p.getLocation().getLineNr()
                            + ", column " + p.getLocation().getColumnNr())));
        }
        if (cause instanceof MismatchedInputException m && String.valueOf(m.getOriginalMessage()).startsWith("Trailing token")) {
            return badRequest("请求体不是合法的 JSON Malformed JSON",
                    List.of(new FieldError("body", "json", "nothing may follow the JSON value (spring.jackson fail-on-trailing-tokens)")));
        }
        return badRequest("请求体无法读取 Unreadable request body",
                List.of(new FieldError("body", "json", "request body is missing or not a JSON object")));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "value" : describeType(e.getRequiredType());
        return badRequest("输入有误 Invalid input", List.of(new FieldError(e.getName(), "type", "must be " + expected)));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    public ProblemDetail missingParameter(MissingServletRequestParameterException e) {
        return badRequest("输入有误 Invalid input",
                List.of(new FieldError(e.getParameterName(), "required", "query parameter is required")));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ProblemDetail mediaType(HttpMediaTypeNotSupportedException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type " + e.getContentType() + " is not supported; use " + e.getSupportedMediaTypes());
        p.setTitle("不支持的内容类型 Unsupported media type");
        return p;
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ProblemDetail method(HttpRequestMethodNotSupportedException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.METHOD_NOT_ALLOWED, e.getMessage());
        p.setTitle("不支持的方法 Method not allowed");
        return p;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    public ProblemDetail tooLarge(MaxUploadSizeExceededException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, "upload is larger than allowed");
        p.setTitle("文件过大 Payload too large");
        return p;
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationException.class})
    public ProblemDetail forbidden(RuntimeException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        p.setTitle("无权访问 Forbidden");
        return p;
    }

    @ExceptionHandler({NotFoundException.class, NoResourceFoundException.class})
    public ProblemDetail notFound(Exception e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        p.setTitle("未找到 Not found");
        return p;
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (e instanceof org.springframework.web.ErrorResponse known) {
            // any other Spring MVC error (406, missing header, ResponseStatusException, …) keeps its own status
            return ResponseEntity.status(known.getStatusCode()).headers(known.getHeaders()).body(known.getBody());
        }
        if (DatabaseUnavailable.causes(e)) {
            log.warn("API call answered 503: the database is unavailable ({})", e.toString());
            ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "数据库暂时不可用，请稍后用同一请求重试 the database is unavailable for the moment; retry the same request "
                            + "after " + RETRY_AFTER_SECONDS + " s (a lead sent again with the same source and externalId "
                            + "is stored at most once)");
            p.setTitle("暂时无法处理 Service unavailable");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS)).body(p);
        }
        log.error("Unexpected error in API call", e);
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "unexpected error; see the server log");
        p.setTitle("服务器错误 Internal error");
        return ResponseEntity.internalServerError().body(p);
    }

    static ProblemDetail badRequest(String title, List<FieldError> errors) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                errors.stream().map(err -> err.field() + ": " + err.message()).collect(Collectors.joining("; ")));
        p.setTitle(title);
        p.setType(URI.create("urn:leadtocash:problem:invalid-input"));
        p.setProperty("errors", new ArrayList<>(errors));
        return p;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String describeType(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date or time";
        }
        return "a " + type.getSimpleName();
    }
}
