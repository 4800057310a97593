package com.example.csbs.contract.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.csbs.contract.check.WrongCsbs.Answer;
import com.example.csbs.stub.data.BackupDataSet;
import com.example.csbs.stub.StubServer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The live checker, run in-process against the stub and against deliberately wrong services. */
class ContractCheckTest {

    private static final String TOKEN = "csbs-demo-token";
    private static final String PROJECT = "b942cc8342734d15bcb246babb1953cf";
    private static final String JSON = "application/json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String DOCUMENTED_REQUEST = "PASS  documented request -> 200";
    private static final String MISSING_TOKEN = "PASS  missing X-Auth-Token -> 401 APIGW.0301";
    private static final String WRONG_PROVIDER = "PASS  wrong provider_id -> 400 CSBS.9001";
    private static final String UNKNOWN_PLAN = "PASS  unknown plan -> 404 CSBS.3000";
    private static final String MALFORMED_JSON = "PASS  malformed JSON -> 400 CSBS.9001";
    private static final String MISSING_CHECKPOINT = "PASS  missing checkpoint -> 400 CSBS.9001";
    private static final String WRONG_CONTENT_TYPE = "PASS  wrong Content-Type -> 415 CSBS.9001";

    private static StubServer stub;

    @BeforeAll
    static void startStub() {
        stub = StubServer.start("127.0.0.1", 0, BackupDataSet.embeddedDefault());
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    @Test
    void passesEveryCheckAgainstTheStub() {
        Run run = check(stub.baseUri());

        assertThat(run.out()).containsExactly(DOCUMENTED_REQUEST, MISSING_TOKEN, WRONG_PROVIDER, UNKNOWN_PLAN,
                MALFORMED_JSON, MISSING_CHECKPOINT, WRONG_CONTENT_TYPE, "7 passed, 0 failed");
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void sendsTheGivenPlanAndResources() {
        // The stub's other plan: the example's resources are not in it, so they must not be sent.
        Run run = check(stub.baseUri(), "--plan", "6a6cda7e-7b89-4b14-8e5c-3b6821a97d2c",
                "--resource", "1c960fe4-e679-421a-97cd-4f7463d2344b");

        assertThat(run.out()).last().isEqualTo("7 passed, 0 failed");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void sendsNoResourcesWithAPlanAlone() {
        Run run = check(stub.baseUri(), "--plan", "6a6cda7e-7b89-4b14-8e5c-3b6821a97d2c");

        assertThat(run.out()).last().isEqualTo("7 passed, 0 failed");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void saysWhenTheRequestItSentIsNotValid() {
        // The spec wants unique resources; the options allow repeating one.
        Run run = check(stub.baseUri(), "--resource", "7a32a8b5-7977-4e24-b5da-e0eb457db75b",
                "--resource", "7a32a8b5-7977-4e24-b5da-e0eb457db75b");

        assertThat(run.out().get(0)).startsWith("FAIL  documented request -> 200: ")
                .contains("the request sent is not valid against the spec: [[Path '/checkpoint/parameters/resources']");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void failsWhenTheCheckpointLacksARequiredField() {
        Run run = checkWrong(onCheckpoint(checkpoint -> checkpoint.remove("id")));

        assertThat(run.out()).containsExactly(
                "FAIL  documented request -> 200: response is not valid against the spec:"
                        + " [[Path '/checkpoint'] Object has missing required properties ([\"id\"])]",
                MISSING_TOKEN, WRONG_PROVIDER, UNKNOWN_PLAN, MALFORMED_JSON, MISSING_CHECKPOINT, WRONG_CONTENT_TYPE,
                "6 passed, 1 failed");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void failsWhenAFieldHasTheWrongType() {
        Run run = checkWrong(onCheckpoint(checkpoint -> checkpoint.put("created_at", 1480968029)));

        assertThat(run.out().get(0)).isEqualTo(
                "FAIL  documented request -> 200: response is not valid against the spec:"
                        + " [[Path '/checkpoint/created_at'] Instance type (integer) does not match any allowed"
                        + " primitive type (allowed: [\"string\"])]");
        assertThat(run.out()).last().isEqualTo("6 passed, 1 failed");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void failsWhenTheCheckpointIsNotOfTheRequestedResources() {
        Run run = checkWrong(onCheckpoint(checkpoint -> ((ArrayNode) checkpoint.path("protection_plan").path("resources")).remove(1)));

        assertThat(run.out().get(0)).isEqualTo("FAIL  documented request -> 200: checkpoint.protection_plan.resources"
                + " have the ids [7a32a8b5-7977-4e24-b5da-e0eb457db75b], expected the requested"
                + " [7a32a8b5-7977-4e24-b5da-e0eb457db75b, b2b433bf-7dd6-4a74-aa8f-85673dfbda48]");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void failsWhenErrorsComeWithoutTheCsbsBody() {
        Run run = checkWrong(answer -> answer.status() >= 400
                ? new Answer(answer.status(), JSON, "{\"code\": " + answer.status() + ", \"message\": \"request failed\"}")
                : answer);

        String notCsbs = ": response is not valid against the spec:"
                + " [Object has missing required properties ([\"error_code\",\"error_msg\"])]";
        assertThat(run.out()).containsExactly(DOCUMENTED_REQUEST,
                "FAIL  missing X-Auth-Token -> 401 APIGW.0301" + notCsbs,
                "FAIL  wrong provider_id -> 400 CSBS.9001" + notCsbs,
                "FAIL  unknown plan -> 404 CSBS.3000" + notCsbs,
                "FAIL  malformed JSON -> 400 CSBS.9001" + notCsbs,
                "FAIL  missing checkpoint -> 400 CSBS.9001" + notCsbs,
                "FAIL  wrong Content-Type -> 415 CSBS.9001" + notCsbs,
                "1 passed, 6 failed");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void failsWhenAnErrorIsNotJson() {
        Run run = checkWrong(answer -> answer.status() == 404
                ? new Answer(404, "text/html", "<html><body>\n<h1>Not Found</h1>\n</body></html>")
                : answer);

        assertThat(run.out()).contains("FAIL  unknown plan -> 404 CSBS.3000: response is not JSON (Content-Type text/html):"
                + " <html><body> <h1>Not Found</h1> </body></html>");
        assertThat(run.out()).last().isEqualTo("6 passed, 1 failed");
    }

    @Test
    void failsOnAnotherErrorCode() {
        Run run = checkWrong(answer -> answer.status() == 404
                ? new Answer(404, JSON, "{\"error_code\": \"CSBS.9999\", \"error_msg\": \"executing backup policy failed\"}")
                : answer);

        assertThat(run.out()).contains("FAIL  unknown plan -> 404 CSBS.3000: error_code is CSBS.9999, expected CSBS.3000");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void failsOnAnotherStatus() {
        Run run = checkWrong(answer -> answer.status() == 415 ? new Answer(400, answer.contentType(), answer.body()) : answer);

        assertThat(run.out()).contains("FAIL  wrong Content-Type -> 415 CSBS.9001: status 400, expected 415 (body:"
                + " {\"error_code\":\"CSBS.9001\",\"error_msg\":\"Parameter verification failed: the request body must be"
                + " application/json\"})");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void reportsAServiceThatDoesNotAnswerInTime() {
        Run run;
        try (WrongCsbs slow = WrongCsbs.inFrontOf(stub.baseUri(), answer -> {
            if (answer.status() == 200) {
                sleepSeconds(5);
            }
            return answer;
        })) {
            run = check(slow.baseUri(), "--timeout", "1");
        }

        // Only this line: on a busy machine another check may take longer than 1 s as well.
        assertThat(run.out()).first().isEqualTo("FAIL  documented request -> 200: no response within 1 s");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void reportsAnUnreachableServiceOnEveryLineWithoutAStackTrace() {
        int closedPort = freePort();

        Run run = check(URI.create("http://127.0.0.1:" + closedPort));

        assertThat(run.out()).hasSize(8);
        assertThat(run.out().subList(0, 7)).allSatisfy(line -> assertThat(line)
                .startsWith("FAIL  ").endsWith(": cannot connect to 127.0.0.1:" + closedPort + ": connection refused or closed"));
        assertThat(run.out()).last().isEqualTo("0 passed, 7 failed");
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void rejectsMissingOrInvalidOptionsAsAUsageError() {
        Run noToken = run("--base-url", stub.baseUri().toString(), "--project", PROJECT);
        Run badPlan = check(stub.baseUri(), "--plan", "plan-1");
        Run badUrl = run("--base-url", "ftp://127.0.0.1/", "--token", TOKEN, "--project", PROJECT);

        assertThat(noToken.exitCode()).isEqualTo(2);
        assertThat(noToken.err()).startsWith("Missing required option: '--token=TOKEN'");
        assertThat(badPlan.exitCode()).isEqualTo(2);
        assertThat(badPlan.err()).contains("--plan", "plan-1");
        assertThat(badUrl.exitCode()).isEqualTo(2);
        assertThat(badUrl.err()).startsWith("--base-url must be an http or https URL");
        assertThat(noToken.out()).isEmpty();
    }

    @Test
    void printsItsHelp() {
        Run help = run("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(String.join("\n", help.out())).startsWith("Usage: csbs-contract-check")
                .contains("--base-url=URL", "--token=TOKEN", "--project=ID", "--plan=UUID", "--resource=UUID", "--timeout=SECONDS");
    }

    /** What the checker printed and returned. */
    record Run(int exitCode, List<String> out, String err) {
    }

    private static Run check(URI baseUrl, String... options) {
        List<String> args = new ArrayList<>(List.of("--base-url", baseUrl.toString(), "--token", TOKEN, "--project", PROJECT));
        args.addAll(List.of(options));
        return run(args.toArray(String[]::new));
    }

    private static Run checkWrong(UnaryOperator<Answer> fault) {
        try (WrongCsbs wrong = WrongCsbs.inFrontOf(stub.baseUri(), fault)) {
            return check(wrong.baseUri());
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = new picocli.CommandLine(new ContractCheck())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Run(exitCode, out.toString().lines().toList(), err.toString());
    }

    /** A fault on the successful answer: its checkpoint edited. */
    private static UnaryOperator<Answer> onCheckpoint(Consumer<ObjectNode> edit) {
        return answer -> {
            if (answer.status() != 200) {
                return answer;
            }
            try {
                ObjectNode body = (ObjectNode) MAPPER.readTree(answer.body());
                edit.accept((ObjectNode) body.get("checkpoint"));
                return new Answer(200, answer.contentType(), body.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleepSeconds(int seconds) {
        try {
            Thread.sleep(seconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
