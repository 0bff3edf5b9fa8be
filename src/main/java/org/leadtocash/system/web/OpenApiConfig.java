package org.leadtocash.system.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.leadtocash.lead.LeadSource;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.modulith.ApplicationModule;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BinarySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;

/**
 * The OpenAPI document of the app's own REST API ({@code /api/**}) for integrators: {@code /v3/api-docs} and Swagger UI
 * ({@code /api/docs/swagger-ui.html}), both behind the API's login (SecurityConfig). Built here from Spring MVC's mappings, so
 * controllers carry no documentation annotations: one tag per module (taken from the controller's package and its
 * {@code @ApplicationModule} name), HTTP Basic as the security scheme (the intake's channel key and the telephony
 * signature where those apply), the error answer every endpoint gives (RFC 9457 problem with the broken field rules),
 * and request bodies the handlers read as raw text or JSON trees (lead intake, statement and CSV imports).
 */
@Configuration
class OpenApiConfig {
    static final String BASIC = "basicAuth";
    static final String CHANNEL_KEY = "channelApiKey";
    static final String PROBLEM = "Problem";
    static final String FIELD_ERROR = "FieldError";
    static final String LEAD_INTAKE = "LeadIntakeRequest";
    private static final String BASE_PACKAGE = "org.leadtocash.";
    private static final String PROBLEM_JSON = "application/problem+json";

    @Bean
    OpenAPI leadToCashOpenApi(ObjectProvider<BuildProperties> build) {
        String version = Optional.ofNullable(build.getIfAvailable()).map(BuildProperties::getVersion)
                .orElse("development build (no build-info)");
        return new OpenAPI()
                .info(new Info().title("Lead-to-Cash API 线索到回款接口").version(version)
                        .description("The application's own REST API (/api). Every call needs a Camunda user's name and password "
                                + "(HTTP Basic) or a logged-in Camunda webapp session; what a user may see and change follows "
                                + "Camunda's groups and authorizations. Lead intake (POST /api/leads) takes a source channel's "
                                + "API key in X-Api-Key instead; the telephony platform signs its call records. Errors are "
                                + "problem details (application/problem+json) naming each broken field and rule. A lead may "
                                + "always be posted again with the same externalId: it is stored once. 503 answers carry "
                                + "Retry-After. The engine's own REST API (/engine-rest) is Camunda's and documented by Camunda."))
                .components(new Components()
                        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("a Camunda user's id and password"))
                        .addSecuritySchemes(CHANNEL_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-Api-Key")
                                .description("the key of one source channel (leadtocash.security.channel-keys); the lead's "
                                        + "source must be that channel")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC));
    }

    /** One tag per module: the controller's top-level package under org.leadtocash, named as its package-info names it. */
    @Bean
    OperationCustomizer moduleTags() {
        return (operation, handler) -> {
            operation.setTags(List.of(moduleName(handler.getBeanType())));
            return operation;
        };
    }

    @Bean
    OpenApiCustomizer leadToCashDocument() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().keySet().removeIf(path -> !path.startsWith("/api/") || path.startsWith("/api/docs/"));
            // added here, not on the OpenAPI bean: springdoc drops component schemas no operation referenced before the
            // customizers ran, and only the customizers below refer to these
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSchemas(FIELD_ERROR, fieldError()).addSchemas(PROBLEM, problem())
                    .addSchemas(LEAD_INTAKE, leadIntake());
            Map<String, Tag> tags = new TreeMap<>();
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                Optional.ofNullable(operation.getTags()).orElse(List.of()).forEach(t -> tags.computeIfAbsent(t,
                        name -> new Tag().name(name).description("module " + name.split(" ")[0].toLowerCase(java.util.Locale.ROOT))));
                requestBodies(path, method, operation);
                security(path, method, operation);
                errors(path, operation);
            }));
            openApi.setTags(new ArrayList<>(tags.values()));
        };
    }

    static String moduleName(Class<?> type) {
        String name = type.getPackageName();
        if (!name.startsWith(BASE_PACKAGE)) {
            return name;
        }
        String module = name.substring(BASE_PACKAGE.length()).split("\\.")[0];
        try {
            Class<?> info = Class.forName(BASE_PACKAGE + module + ".package-info", false, type.getClassLoader());
            ApplicationModule annotation = info.getAnnotation(ApplicationModule.class);
            if (annotation != null && !annotation.displayName().isBlank()) {
                return annotation.displayName();
            }
        } catch (ClassNotFoundException e) {
            // a package without package-info: its name is the tag
        }
        return module;
    }

    /** Bodies the handlers read as a JSON tree or raw text, which Spring MVC's signature does not describe. */
    private static void requestBodies(String path, PathItem.HttpMethod method, Operation operation) {
        if (method != PathItem.HttpMethod.POST) {
            return;
        }
        if (path.equals("/api/leads")) {
            operation.setRequestBody(new RequestBody().required(true).content(new Content().addMediaType(
                    org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + LEAD_INTAKE)))));
        } else if (path.equals("/api/bank-statements")) {
            Content content = textBodies(operation, "the bank's statement export (CSV, or its JSON export); one report line per "
                    + "statement line", "text/csv", "application/csv", org.springframework.http.MediaType.TEXT_PLAIN_VALUE,
                    org.springframework.http.MediaType.APPLICATION_JSON_VALUE);
            operation.getRequestBody().content(content);
        } else if (path.equals("/api/customers/import") || path.equals("/api/team/import")) {
            Content content = textBodies(operation, "CSV with a header line; the answer reports every refused line with its "
                    + "line number, field and rule", "text/csv", "application/csv", org.springframework.http.MediaType.TEXT_PLAIN_VALUE);
            operation.getRequestBody().content(content);
        }
    }

    private static Content textBodies(Operation operation, String description, String... types) {
        if (operation.getRequestBody() == null) {
            operation.setRequestBody(new RequestBody());
        }
        RequestBody body = operation.getRequestBody().required(true);
        body.setDescription(description + " (or a multipart upload in the part named 'file')");
        Content content = body.getContent() == null ? new Content() : body.getContent();
        for (String type : types) {
            content.putIfAbsent(type, new MediaType().schema(new StringSchema().description(description)));
        }
        content.putIfAbsent(org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE, new MediaType().schema(new ObjectSchema()
                .addProperty("file", new BinarySchema().description(description)).addRequiredItem("file")));
        return content;
    }

    private static void security(String path, PathItem.HttpMethod method, Operation operation) {
        if (method == PathItem.HttpMethod.POST && path.equals("/api/leads")) {
            operation.setSecurity(List.of(new SecurityRequirement().addList(CHANNEL_KEY)));
        } else if (method == PathItem.HttpMethod.POST && path.equals("/api/telephony/call-records")) {
            // no user: the telephony platform signs each call record (HMAC headers), checked by the handler
            operation.setSecurity(List.of());
        }
    }

    /** The answers every endpoint may give besides its own: the API's problem details. */
    private static void errors(String path, Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("400", "输入有误 invalid input: each broken rule in errors[] (field, rule, message)");
        errors.put("401", "no or wrong credentials");
        errors.put("403", "the user may not do this (Camunda groups and authorizations)");
        if (path.contains("{")) {
            errors.put("404", "no such item, or not visible to this user");
        }
        errors.put("503", "the database is unavailable: retry after Retry-After seconds");
        errors.forEach((status, description) -> {
            if (responses.containsKey(status)) {
                return;
            }
            ApiResponse response = new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON,
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
            if (status.equals("401")) {
                response.setContent(null);
            }
            if (status.equals("503")) {
                response.addHeaderObject(HttpHeaders.RETRY_AFTER, new Header().description("seconds to wait before retrying")
                        .schema(new IntegerSchema()));
            }
            responses.addApiResponse(status, response);
        });
        operation.setResponses(responses);
    }

    private static Schema<?> fieldError() {
        return new ObjectSchema().description("one broken rule of one input field")
                .addProperty("field", new StringSchema().description("the field (for imports: with the line number)").example("creditCode"))
                .addProperty("rule", new StringSchema().description("the rule it breaks").example("GB 32100-2015"))
                .addProperty("message", new StringSchema().description("what to change, in Chinese then English"));
    }

    private static Schema<?> problem() {
        return new ObjectSchema().description("RFC 9457 problem details, as every /api error answer")
                .addProperty("type", new StringSchema().example("about:blank"))
                .addProperty("title", new StringSchema().example("输入有误 Invalid input"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema().description("all broken rules in one line"))
                .addProperty("instance", new StringSchema().description("the request path"))
                .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/" + FIELD_ERROR))
                        .description("400 only: every broken rule"));
    }

    /** The fields lead intake accepts (lead.LeadValidator); any other field is refused. */
    private static Schema<?> leadIntake() {
        return new ObjectSchema().description("a lead from one source channel; the same channel + externalId again returns the "
                        + "first lead (200) and starts nothing").additionalProperties(false)
                .addProperty("externalId", new StringSchema().minLength(1).maxLength(100).description("the channel's own id of this lead"))
                .addProperty("source", new StringSchema()._enum(Arrays.stream(LeadSource.values()).map(Enum::name).toList())
                        .description("the channel; must be the API key's channel").example("WEBSITE_FORM"))
                .addProperty("companyName", new StringSchema().minLength(2).maxLength(200))
                .addProperty("creditCode", new StringSchema().maxLength(40)
                        .description("统一社会信用代码 unified social credit code (GB 32100-2015, 18 characters)")
                        .example("91310000MA1FL8T21X"))
                .addProperty("contactName", new StringSchema().minLength(1).maxLength(50))
                .addProperty("contactPhone", new StringSchema().maxLength(30)
                        .description("mainland mobile (13812345678) or landline with area code (021-62345678)"))
                .addProperty("region", new StringSchema().maxLength(10).description("an active region code (销售团队 Sales team)")
                        .example("EAST"))
                .addProperty("budgetCny", new NumberSchema().minimum(BigDecimal.ZERO).exclusiveMinimum(true)
                        .multipleOf(new BigDecimal("0.01")).description("budget in CNY, greater than 0, at most 2 decimals"))
                .addProperty("productInterest", new StringSchema().maxLength(200))
                .required(List.of("externalId", "source", "companyName", "creditCode", "contactName", "contactPhone", "region",
                        "budgetCny"));
    }
}
