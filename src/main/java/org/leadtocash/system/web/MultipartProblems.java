package org.leadtocash.system.web;

import org.leadtocash.shared.FieldError;

import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * A multipart upload is parsed before Spring MVC picks a controller, so its errors never reach
 * {@link ApiExceptionHandler} (scoped to the app's controllers): a malformed multipart body (no boundary, a stream that
 * ends early, a file name with a NUL) would end as a 500. Here it is a 400 naming the file, and an upload over the
 * limit stays a 413 that says so.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice
class MultipartProblems {

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    public ProblemDetail tooLarge(MaxUploadSizeExceededException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                "upload is larger than allowed (spring.servlet.multipart.max-file-size, 5 MB)");
        p.setTitle("文件过大 Payload too large");
        return p;
    }

    @ExceptionHandler(MultipartException.class)
    public ProblemDetail malformed(MultipartException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return ApiExceptionHandler.badRequest("上传格式有误 Malformed upload", List.of(new FieldError("file", "multipart",
                "the multipart/form-data body cannot be read: " + (why.length() > 200 ? why.substring(0, 200) + "…" : why))));
    }
}
