package org.leadtocash.company;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;

/**
 * A step that would print or send the company profile was refused because required fields are missing. The message
 * names every missing field in Chinese and English and where to fix it: it is what an API caller reads (HTTP 409
 * problem detail with {@code missing}) and what Cockpit shows as the incident of a service task.
 */
public class CompanyProfileIncompleteException extends IllegalStateException implements ErrorResponse {
    static final String WHERE_TO_FIX = "管理员在 Camunda Admin → 公司信息 Company profile 中补全 an administrator completes it in "
            + "Camunda Admin → Company profile (PUT /api/company-profile)";

    private final transient List<CompanyField> missing;
    private final String purpose;

    CompanyProfileIncompleteException(String purpose, List<CompanyField> missing) {
        super(message(purpose, missing));
        this.purpose = purpose;
        this.missing = List.copyOf(missing);
    }

    static String message(String purpose, List<CompanyField> missing) {
        return "公司信息不完整 Company profile incomplete — " + purpose + " refused; missing " + names(missing) + " — "
                + WHERE_TO_FIX;
    }

    /** "销方名称 seller name (sellerName), 银行账号 bank account (bankAccount)" */
    static String names(List<CompanyField> fields) {
        return fields.stream().map(CompanyField::label).collect(Collectors.joining(", "));
    }

    public List<CompanyField> missing() {
        return missing;
    }

    public String purpose() {
        return purpose;
    }

    @Override
    public HttpStatusCode getStatusCode() {
        return HttpStatus.CONFLICT;
    }

    @Override
    public ProblemDetail getBody() {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, getMessage());
        p.setTitle("公司信息不完整 Company profile incomplete");
        p.setType(URI.create("urn:leadtocash:problem:company-profile-incomplete"));
        p.setProperty("missing", missing.stream()
                .map(f -> Map.of("field", f.key(), "zh", f.zh(), "en", f.en())).toList());
        return p;
    }
}
