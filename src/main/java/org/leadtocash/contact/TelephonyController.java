package org.leadtocash.contact;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.InvalidInputException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code POST /api/telephony/call-records}: the telephony platform's call detail records, one JSON object
 * per request ({@link CallRecordInput}), signed as {@link CallRecordSignature} describes. No user log-in: the signature
 * is the authentication. Answers
 * <ul>
 * <li>201 with the match when stored;</li>
 * <li>200 {@code "stored": false} when the same record id arrives again with the same body (a retry after a lost
 * answer): nothing changes;</li>
 * <li>401 when the signature headers are missing, stale or wrong; 400 naming every malformed field and its rule;
 * 409 when the record id is already stored with a different body (a replay).</li>
 * </ul>
 * A refused record stores nothing. A number that matches no lead is stored as unmatched.
 */
@RestController
class TelephonyController {
    static final String PATH = "/api/telephony/call-records";

    private final CallRecordSignature signature;
    private final CallRecords callRecords;
    private final ObjectMapper json;

    TelephonyController(CallRecordSignature signature, CallRecords callRecords, ObjectMapper json) {
        this.signature = signature;
        this.callRecords = callRecords;
        this.json = json;
    }

    @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CallRecords.Outcome> receive(@RequestHeader(name = CallRecordSignature.TIMESTAMP_HEADER, required = false) String timestamp,
                                                @RequestHeader(name = CallRecordSignature.SIGNATURE_HEADER, required = false) String sig,
                                                @RequestBody(required = false) byte[] body) {
        signature.verify(timestamp, sig, body);
        CallRecordInput call = CallRecordInput.from(parse(body));
        CallRecords.Outcome outcome;
        try {
            outcome = callRecords.store(call, body);
        } catch (DuplicateKeyException e) {
            outcome = callRecords.afterDuplicate(call.recordId(), body);
        }
        return outcome.stored()
                ? ResponseEntity.created(URI.create(PATH + "/" + call.recordId())).body(outcome)
                : ResponseEntity.ok(outcome);
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidInputException("body", "required", "a call record JSON object is required");
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new InvalidInputException("body", "json", "malformed JSON" + where);
        } catch (IOException e) {
            throw new InvalidInputException("body", "json", "unreadable request body");
        }
    }

    @ExceptionHandler(CallRecordSignature.SignatureRefused.class)
    ResponseEntity<ProblemDetail> unsigned(CallRecordSignature.SignatureRefused e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.header() + ": " + e.getMessage());
        p.setTitle("签名无效 Signature refused");
        p.setProperty("errors", List.of(new FieldError(e.header(), e.rule(), e.getMessage())));
        // a 401 names its scheme (RFC 9110): the signed-request scheme and its two headers
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "HMAC-SHA256 realm=\"telephony\", headers=\""
                        + CallRecordSignature.TIMESTAMP_HEADER + " " + CallRecordSignature.SIGNATURE_HEADER + "\"")
                .body(p);
    }

    @ExceptionHandler(CallRecords.ReplayRefused.class)
    ResponseEntity<ProblemDetail> replayed(CallRecords.ReplayRefused e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        p.setTitle("重复的通话记录 Call record replayed");
        p.setProperty("errors", List.of(new FieldError("recordId", "unique", e.getMessage())));
        return ResponseEntity.status(HttpStatus.CONFLICT).body(p);
    }
}
