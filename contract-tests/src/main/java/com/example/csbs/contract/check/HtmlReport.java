package com.example.csbs.contract.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The run as one self-contained HTML page: the summary, a table of every check, and for each failure its violations
 * with the request (curl, token masked) and the answer. No script, no style sheet or font from elsewhere (a
 * Content-Security-Policy forbids any), so that it opens offline and as a CI artifact; every text is escaped.
 */
final class HtmlReport {

    private static final String STYLE = """
            body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #222; }
            table { border-collapse: collapse; width: 100%; }
            th, td { text-align: left; padding: 0.25em 0.5em; border-bottom: 1px solid #ddd; vertical-align: top; }
            .PASS { color: #1a7f37; } .FAIL { color: #cf222e; font-weight: bold; } .SKIP { color: #9a6700; }
            pre { background: #f6f8fa; padding: 0.5em; white-space: pre-wrap; word-break: break-all; }
            .summary { font-size: 1.2em; }
            """;

    private HtmlReport() {
    }

    static void write(RunReport run, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, page(run), StandardCharsets.UTF_8);
    }

    static String page(RunReport run) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .append("<title>CSBS contract check: ").append(escape(run.failed() == 0 ? "passed" : run.failed() + " failed"))
                .append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>CSBS contract check</h1>\n")
                .append("<p class=\"summary ").append(run.failed() == 0 ? "PASS" : "FAIL").append("\">").append(escape(run.summary()))
                .append("</p>\n<p>Service ").append(escape(run.baseUrl())).append(", project ").append(escape(run.project()))
                .append(run.lifecycle() ? ", with the lifecycle (--lifecycle)" : ", read-only (no --lifecycle)")
                .append(". Replay with <code>--seed ").append(run.seed()).append("</code>.</p>\n");
        for (String note : run.notes()) {
            html.append("<p>").append(escape(note)).append("</p>\n");
        }
        html.append("<table>\n<tr><th>result</th><th>check</th><th>expected</th><th>cases</th><th>time (s)</th></tr>\n");
        List<CheckResult> results = run.results();
        for (int i = 0; i < results.size(); i++) {
            CheckResult result = results.get(i);
            String status = result.line().substring(0, 4);
            html.append("<tr><td class=\"").append(status).append("\">")
                    .append(result.failed() ? "<a href=\"#check-" + i + "\">FAIL</a>" : status)
                    .append("</td><td>").append(escape(result.name())).append("</td><td>").append(escape(result.expected()))
                    .append("</td><td>").append(result.generated() ? Integer.toString(result.cases()) : "")
                    .append("</td><td>").append(RunReport.seconds(result.time())).append("</td></tr>\n");
        }
        html.append("</table>\n");
        for (int i = 0; i < results.size(); i++) {
            CheckResult result = results.get(i);
            if (result.failed()) {
                html.append("<h2 id=\"check-").append(i).append("\" class=\"FAIL\">").append(escape(result.title())).append("</h2>\n<p>")
                        .append(escape(result.summary())).append("</p>\n");
                for (CheckResult.Violation violation : result.violations()) {
                    html.append("<h3>").append(escape(violation.problem())).append("</h3>\n");
                    if (violation.request() != null) {
                        html.append("<pre>").append(escape(violation.request())).append("</pre>\n");
                    }
                    if (violation.status() != null) {
                        html.append("<pre>").append(violation.status()).append(' ')
                                .append(escape(violation.response() == null ? "" : violation.response())).append("</pre>\n");
                    }
                }
            }
        }
        return html.append("</body>\n</html>\n").toString();
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
