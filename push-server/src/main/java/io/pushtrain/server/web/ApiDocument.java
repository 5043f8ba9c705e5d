package io.pushtrain.server.web;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;

/**
 * The OpenAPI document at /v3/api-docs (and Swagger UI at /swagger-ui.html): who we are, the two
 * ways to sign in, so "Try it out" works, and the refusals every operation really answers.
 * Summaries and the success codes that vary live on the controllers, next to the code that decides them.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocument {

    static final String BASIC = "basic";
    static final String TOKEN = "token";
    private static final String PROBLEM = "Problem";

    @Bean
    OpenAPI pushtrainApi(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        String version = properties == null ? "development" : properties.getVersion();
        return new OpenAPI()
            .info(new Info().title("pushtrain API").version(version)
                .license(new License().name("Apache-2.0"))
                .description("""
                        The release train's HTTP API: cut trains, request and decide cherry-picks, run pushes, \
                        change karma, toggle Gatekeeper flags, follow builds to the hosts.

                        Sign in with HTTP Basic (a person's name and password) or an API token \
                        (`Authorization: Bearer <token>`, minted with `POST /api/users/{name}/tokens`). \
                        Press **Authorize** above to do either for "Try it out". Every refusal is an \
                        RFC 9457 problem detail (`application/problem+json`) whose `detail` says what to do."""))
            .components(new Components()
                .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                    .description("A person's name and password, as on the dashboard's sign-in page."))
                .addSecuritySchemes(TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                    .bearerFormat("pushtrain API token")
                    .description("An API token, shown once when it is minted; HOST tokens are bound to one host."))
                .addSchemas(PROBLEM, problemSchema()))
            .security(List.of(new SecurityRequirement().addList(BASIC), new SecurityRequirement().addList(TOKEN)));
    }

    /**
     * The refusals that follow from an operation's shape, each as a problem detail: a body or a
     * parameter can be wrong (400) or too big (413), every call needs a sign-in (401), a role check
     * can refuse (403), an id in the path can name nothing (404). Refusals that depend on state,
     * such as 409, are declared on the operations that raise them.
     */
    @Bean
    OperationCustomizer documentedRefusals() {
        return (operation, handler) -> {
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            keepTheSuccessAnswer(responses);
            boolean takesInput = operation.getRequestBody() != null || hasParameters(operation);
            refusal(responses, "400", takesInput, "The body or a parameter is malformed; `detail` names it.");
            refusal(responses, "401", true, "Not signed in: HTTP Basic or a bearer API token.");
            refusal(responses, "403", isRoleChecked(handler), "Signed in without the role this needs.");
            refusal(responses, "404", hasPathVariable(operation), "Nothing has that id or name.");
            refusal(responses, "413", operation.getRequestBody() != null,
                    "The body is over `pushtrain.api.max-body`.");
            Map.copyOf(responses).forEach((code, response) -> {
                if (!code.startsWith("2")) {
                    response.setContent(problemContent());
                }
            });
            operation.setResponses(responses);
            return operation;
        };
    }

    /**
     * Once an operation declares a refusal with {@code @ApiResponse}, springdoc leaves out the
     * success answer it would have computed and gives the refusal that answer's body instead:
     * the body goes back to a 200, and the refusal becomes a problem detail (below).
     */
    private static void keepTheSuccessAnswer(ApiResponses responses) {
        if (responses.keySet().stream().anyMatch(code -> code.startsWith("2"))) {
            return;
        }
        responses.values().stream().map(ApiResponse::getContent).filter(content -> content != null).findFirst()
            .ifPresent(body -> responses.addApiResponse("200", new ApiResponse().description("OK").content(body)));
    }

    private static void refusal(ApiResponses responses, String code, boolean applies, String description) {
        if (applies && !responses.containsKey(code)) {
            responses.addApiResponse(code, new ApiResponse().description(description).content(problemContent()));
        }
    }

    private static boolean hasParameters(Operation operation) {
        return operation.getParameters() != null && !operation.getParameters().isEmpty();
    }

    private static boolean hasPathVariable(Operation operation) {
        return operation.getParameters() != null
                && operation.getParameters().stream().map(Parameter::getIn).anyMatch("path"::equals);
    }

    private static boolean isRoleChecked(HandlerMethod handler) {
        return AnnotatedElementUtils.hasAnnotation(handler.getMethod(), PreAuthorize.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), PreAuthorize.class);
    }

    private static Content problemContent() {
        return new Content().addMediaType("application/problem+json",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        return new ObjectSchema().description("An RFC 9457 problem detail.")
            .addProperty("type", new StringSchema().example("about:blank"))
            .addProperty("title", new StringSchema().example("Conflict"))
            .addProperty("status", new IntegerSchema().example(409))
            .addProperty("detail", new StringSchema()
                .example("train 3 is frozen by rita: payments incident; unfreeze it to push"))
            .addProperty("instance", new StringSchema().example("/api/pushes"));
    }
}
