package com.example.csbs.contract.check;

import static com.example.csbs.contract.check.Checker.TOKEN;
import static com.example.csbs.contract.check.Checker.check;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.csbs.contract.check.Checker.Run;
import com.example.csbs.contract.check.WrongCsbs.Answer;
import com.example.csbs.stub.StubServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The checker's reports, from a run against a service whose 404s are an HTML page (with a control character, which
 * XML cannot carry): JUnit XML as CI reads it, and the HTML page.
 */
class ReportsTest {

    private static final String NOT_FOUND_PAGE = "<html><body><h1>Not Found</h1>\u0007</body></html>";
    private static final String UNKNOWN_PLAN = "executeBackupPolicy: unknown plan -> 404 CSBS.3000";

    private static StubServer stub;
    private static Path directory;
    private static Run run;
    private static String baseUrl;

    @BeforeAll
    static void runAgainstAServiceWithHtmlErrors() throws IOException {
        stub = Checker.stubWithBackups(Checker.AT_ONCE);
        directory = Files.createTempDirectory("csbs-reports");
        try (WrongCsbs wrong = WrongCsbs.inFrontOf(stub.baseUri(), answer -> answer.status() == 404
                ? new Answer(404, "text/html", NOT_FOUND_PAGE) : answer)) {
            baseUrl = wrong.baseUri().toString();
            run = check(wrong.baseUri(), "--max-cases", "100", "--junit-xml", directory.resolve("reports/check.xml").toString(),
                    "--html", directory.resolve("reports/check.html").toString());
        }
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    @Test
    void writesJunitXmlWithATestcasePerCheck() throws Exception {
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(directory.resolve("reports/check.xml").toFile());

        Element suite = xml.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("name")).isEqualTo("csbs-contract-check");
        assertThat(Integer.parseInt(suite.getAttribute("tests"))).isEqualTo(run.checks().size());
        assertThat(Integer.parseInt(suite.getAttribute("failures"))).isEqualTo(run.failures().size()).isPositive();
        assertThat(Integer.parseInt(suite.getAttribute("skipped"))).isEqualTo(run.count(3));
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        List<String> names = new ArrayList<>();
        NodeList testcases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < testcases.getLength(); i++) {
            names.add(((Element) testcases.item(i)).getAttribute("name"));
        }
        assertThat(names).hasSize(run.checks().size()).contains(UNKNOWN_PLAN, "listBackups: paging by marker -> each item once");
        assertThat(property(suite, "seed")).isEqualTo(Long.toString(Checker.SEED));
        assertThat(property(suite, "generated-cases")).isEqualTo("100");
    }

    @Test
    void aFailureCarriesTheRequestWithTheTokenMaskedAndTheViolation() throws Exception {
        Element failure = failureOf(UNKNOWN_PLAN);

        assertThat(((Element) failure.getParentNode()).getAttribute("classname")).isEqualTo("csbs-contract-check.documented");
        assertThat(failure.getAttribute("type")).isEqualTo("contract violation");
        assertThat(failure.getAttribute("message")).isEqualTo(
                "response is not JSON (Content-Type text/html): <html><body><h1>Not Found</h1>\uFFFD</body></html>");
        assertThat(failure.getTextContent())
                .startsWith("response is not JSON (Content-Type text/html)")
                .contains("\n  request:  curl -sS -X POST '" + baseUrl + "/v1/" + Checker.PROJECT + "/providers/" + Checker.PROVIDER
                        + "/checkpoints' -H \"X-Auth-Token: $CSBS_TOKEN\" -H 'Content-Type: application/json'"
                        + " -H 'Accept: application/json' --data-binary '{\"checkpoint\":{\"plan_id\":\"")
                .contains("\n  response: 404 <html><body><h1>Not Found</h1>\uFFFD</body></html>");
        assertThat(Files.readString(directory.resolve("reports/check.xml"))).doesNotContain(TOKEN);
    }

    @Test
    void aGeneratedChecksFailureCountsItsCases() throws Exception {
        String title = "executeBackupPolicy: generated valid requests -> answered as the spec says";
        Element failure = failureOf(title);

        assertThat(failure.getTextContent()).matches("(?s)\\d+ of \\d+ generated cases failed; the first \\d+:\n\n"
                + "response is not JSON \\(Content-Type text/html\\).*");
        assertThat(run.failure(title)).contains("cases failed, e.g. response is not JSON (Content-Type text/html)");
    }

    @Test
    void theJunitXmlIsValidAgainstTheFormatCiReads() throws Exception {
        try (InputStream xsd = ReportsTest.class.getResourceAsStream("/check/junit-report.xsd")) {
            SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(new StreamSource(xsd))
                    .newValidator().validate(new StreamSource(directory.resolve("reports/check.xml").toFile()));
        }
    }

    @Test
    void writesASelfContainedHtmlPageWithTheFailures() throws IOException {
        String html = Files.readString(directory.resolve("reports/check.html"), StandardCharsets.UTF_8);

        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
                .contains("<h2 id=\"check-", ">executeBackupPolicy: unknown plan -&gt; 404 CSBS.3000</h2>")
                .contains("&lt;html&gt;&lt;body&gt;&lt;h1&gt;Not Found&lt;/h1&gt;")
                .contains("curl -sS -X POST &#39;" + baseUrl + "/v1/", "-H &quot;X-Auth-Token: $CSBS_TOKEN&quot;")
                .contains(run.out().get(run.out().size() - 1))
                .doesNotContain(TOKEN, "<script", "<link", " src=", "href=\"http", "url(", "<h1>Not Found");
        assertThat(html.split("class=\"FAIL\"><a href=\"#check-", -1)).hasSize(run.failures().size() + 1);
    }

    private static Element failureOf(String title) throws Exception {
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(directory.resolve("reports/check.xml").toFile());
        NodeList testcases = xml.getElementsByTagName("testcase");
        for (int i = 0; i < testcases.getLength(); i++) {
            Element testcase = (Element) testcases.item(i);
            if (testcase.getAttribute("name").equals(title)) {
                NodeList failures = testcase.getElementsByTagName("failure");
                assertThat(failures.getLength()).as("failures of %s", title).isEqualTo(1);
                return (Element) failures.item(0);
            }
        }
        throw new AssertionError("no testcase " + title);
    }

    private static String property(Element suite, String name) {
        NodeList properties = suite.getElementsByTagName("property");
        for (int i = 0; i < properties.getLength(); i++) {
            Element property = (Element) properties.item(i);
            if (property.getAttribute("name").equals(name)) {
                return property.getAttribute("value");
            }
        }
        throw new AssertionError("no property " + name);
    }
}
