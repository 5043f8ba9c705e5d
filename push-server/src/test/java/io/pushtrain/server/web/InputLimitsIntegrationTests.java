package io.pushtrain.server.web;

import java.net.http.HttpResponse;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import io.pushtrain.server.Http;
import io.pushtrain.train.NewPerson;
import io.pushtrain.train.People;
import io.pushtrain.train.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Issue 16, cases 3 to 5, over a real socket: text has limits, text that is not text is refused,
 * and every refusal, even one raised before a controller, is a short problem detail. On 06430db a
 * 50 MB reason was stored, a NUL byte answered 500 in eleven fields, and 380 of 1,137 fuzzed
 * requests got Tomcat's HTML page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "pushtrain.data-dir=target/api-security-data")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InputLimitsIntegrationTests {

    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @LocalServerPort
    int port;

    @Autowired
    People people;

    String engineerName;
    String engineer;
    String developer;

    @BeforeAll
    void people() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        engineerName = create("re-" + suffix, Role.RELEASE_ENGINEER, Role.ADMIN);
        engineer = Http.bearer(people.issueToken(engineerName, "test"));
        developer = Http.bearer(people.issueToken(create("dev-" + suffix, Role.DEVELOPER), "test"));
    }

    @Test
    void anOverLongPickReasonIsRefusedWith400AndNotStored() throws Exception {
        String reason = "x".repeat(2_001);

        HttpResponse<String> refused = send("POST", "/api/picks", developer,
                "{\"commit\":\"" + SHA + "\",\"reason\":\"" + reason + "\"}");

        assertProblem(refused, 400);
        assertThat(refused.body()).contains("reason is 2001 characters; at most 2000 are taken");
        assertThat(send("GET", "/api/picks", developer, null).body()).doesNotContain(reason.substring(0, 100));
    }

    static Stream<Arguments> overLongReasons() {
        String reason = "{\"reason\":\"" + "r".repeat(2_001) + "\"}";
        return Stream.of(arguments("POST", "/api/picks/1/approve", reason), arguments("POST", "/api/picks/1/reject", reason),
                arguments("POST", "/api/flags/any-flag/revert", "{\"version\":1,\"reason\":\"" + "r".repeat(2_001) + "\"}"),
                arguments("POST", "/api/karma/anyone/unlike", reason));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overLongReasons")
    void everyReasonHasTheSameLimit(String method, String path, String body) throws Exception {
        HttpResponse<String> refused = send(method, path, engineer, body);

        assertProblem(refused, 400);
        assertThat(refused.body()).contains("at most 2000 are taken");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413BeforeItIsRead() throws Exception {
        String body = "{\"commit\":\"" + SHA + "\",\"reason\":\"" + "y".repeat(1_100_000) + "\"}";

        HttpResponse<String> refused = send("POST", "/api/picks", developer, body);

        assertProblem(refused, 413);
        assertThat(refused.body()).contains("larger than 1048576 bytes").doesNotContain("yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy");
    }

    static Stream<Arguments> fieldsThatAnsweredFiveHundredForANul() {
        String nul = "a\\u0000b";
        return Stream.of(arguments("POST", "/api/users", "{\"name\":\"n" + UUID.randomUUID().toString().substring(0, 6)
                        + "\",\"roles\":[\"DEVELOPER\"],\"ircAccount\":\"" + nul + "\"}", "ircAccount"),
                arguments("POST", "/api/users/{me}/tokens", "{\"label\":\"" + nul + "\"}", "label"),
                arguments("POST", "/api/picks/1/approve", "{\"reason\":\"" + nul + "\"}", "reason"),
                arguments("POST", "/api/picks/1/reject", "{\"reason\":\"" + nul + "\"}", "reason"),
                arguments("PUT", "/api/hosts/web-1/state", "{\"state\":\"IDLE\",\"detail\":\"" + nul + "\"}", "detail"),
                arguments("PUT", "/api/hosts/web-1/state", "{\"state\":\"IDLE\",\"version\":\"" + nul + "\"}", "version"),
                arguments("POST", "/api/reviews", "{\"source\":\"phab\",\"review\":\"" + nul + "\",\"commit\":\"" + SHA + "\"}",
                        "review"),
                arguments("POST", "/api/reviews", "{\"source\":\"phab\",\"review\":\"D1\",\"url\":\"" + nul
                        + "\",\"commit\":\"" + SHA + "\"}", "url"),
                arguments("POST", "/api/karma/anyone/unlike", "{\"reason\":\"" + nul + "\"}", "reason"),
                arguments("POST", "/api/rollouts", "{\"artifact\":\"" + nul + "\"}", "artifact"));
    }

    @ParameterizedTest(name = "{0} {1} {3}")
    @MethodSource("fieldsThatAnsweredFiveHundredForANul")
    void aNulByteIsRefusedWith400NamingTheField(String method, String path, String body, String field) throws Exception {
        HttpResponse<String> refused = send(method, path.replace("{me}", engineerName), engineer, body);

        assertProblem(refused, 400);
        assertThat(refused.body()).contains(field + " contains a NUL character");
    }

    @Test
    void aLoneSurrogateInACommitOrACutIsRefusedWith400() throws Exception {
        HttpResponse<String> pick = send("POST", "/api/picks", developer, "{\"commit\":\"ab\\ud800\",\"reason\":\"x\"}");
        HttpResponse<String> cut = send("POST", "/api/trains", engineer, "{\"from\":\"main\\udc00\"}");

        assertProblem(pick, 400);
        assertThat(pick.body()).contains("commit contains an unpaired surrogate");
        assertProblem(cut, 400);
        assertThat(cut.body()).contains("from contains an unpaired surrogate");
    }

    static Stream<Arguments> refusalsBeforeAController() {
        return Stream.of(arguments("GET", "/api/hosts/..%2F..%2Fx", null, 400),
                arguments("POST", "/api/users/../../x/tokens", "{}", 400),
                arguments("GET", "/api/hosts/%00", null, 400),
                arguments("GET", "/api/no-such-thing", null, 404),
                arguments("DELETE", "/api/trains", null, 405),
                arguments("POST", "/api/picks", "{\"commit\":", 400),
                arguments("POST", "/api/picks", "[1,2,3]", 400),
                arguments("POST", "/api/picks", "{\"commit\":{\"a\":1},\"reason\":7}", 400));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("refusalsBeforeAController")
    void aRefusalBeforeAControllerIsProblemJsonToo(String method, String path, String body, int status) throws Exception {
        HttpResponse<String> refused = send(method, path, developer, body);

        assertProblem(refused, status);
        assertThat(refused.body()).doesNotContain("<html").doesNotContain("Exception");
    }

    @Test
    void aRefusalEchoesOnlyAShortPrefixOfTheInput() throws Exception {
        String unknown = "A".repeat(200);
        String huge = "B".repeat(200_000);

        HttpResponse<String> unknownRev = send("GET", "/api/revs/" + unknown, developer, null);
        HttpResponse<String> hugePick = send("POST", "/api/picks", developer, "{\"commit\":\"" + huge + "\",\"reason\":\"x\"}");

        assertThat(unknownRev.statusCode()).isBetween(400, 404);
        assertThat(unknownRev.body()).contains("A".repeat(64) + "…").doesNotContain("A".repeat(65));
        assertProblem(hugePick, 400);
        assertThat(hugePick.body()).doesNotContain("B".repeat(65)).hasSizeLessThan(1_000);
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as(response.body())
            .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":" + status);
    }

    private String create(String name, Role... roles) {
        people.create(new NewPerson(name, Set.of(roles), null, null));
        return name;
    }

    private HttpResponse<String> send(String method, String path, String authorization, String body) throws Exception {
        return Http.send(method, "http://127.0.0.1:" + port + path, authorization, body);
    }
}
