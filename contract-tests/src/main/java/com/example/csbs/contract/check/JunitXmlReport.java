package com.example.csbs.contract.check;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The run as JUnit XML, the format CI servers read (Jenkins, GitLab, GitHub actions, surefire's own): one
 * {@code testsuite}, one {@code testcase} per check (its group as classname), a {@code failure} carrying every
 * violation kept with its request (curl, token masked) and answer, {@code skipped} with its reason.
 */
final class JunitXmlReport {

    static final String SUITE = "csbs-contract-check";

    private JunitXmlReport() {
    }

    static void write(RunReport run, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", SUITE);
            xml.writeAttribute("tests", Integer.toString(run.results().size()));
            xml.writeAttribute("failures", Long.toString(run.failed()));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", Long.toString(run.skipped()));
            xml.writeAttribute("time", seconds(run.time()));
            xml.writeCharacters("\n  ");
            xml.writeStartElement("properties");
            property(xml, "base-url", run.baseUrl());
            property(xml, "project", run.project());
            property(xml, "seed", Long.toString(run.seed()));
            property(xml, "lifecycle", Boolean.toString(run.lifecycle()));
            property(xml, "generated-cases", Integer.toString(run.cases()));
            property(xml, "requests", Integer.toString(run.requests()));
            for (int i = 0; i < run.notes().size(); i++) {
                property(xml, "note-" + (i + 1), run.notes().get(i));
            }
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            for (CheckResult result : run.results()) {
                testcase(xml, result);
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", text(value));
    }

    private static void testcase(XMLStreamWriter xml, CheckResult result) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", SUITE + "." + result.group());
        xml.writeAttribute("name", text(result.title()));
        xml.writeAttribute("time", seconds(result.time()));
        if (result.failed()) {
            xml.writeCharacters("\n    ");
            xml.writeStartElement("failure");
            xml.writeAttribute("message", text(result.summary()));
            xml.writeAttribute("type", "contract violation");
            String details = result.violations().stream().map(RunReport::describe).collect(Collectors.joining("\n\n"));
            if (result.generated()) {
                details = result.failedCases() + " of " + result.cases() + " generated cases failed; the first "
                        + result.violations().size() + ":\n\n" + details;
            }
            xml.writeCharacters(text(details));
            xml.writeEndElement();
        } else if (result.isSkipped()) {
            xml.writeCharacters("\n    ");
            xml.writeEmptyElement("skipped");
            xml.writeAttribute("message", text(result.skipped()));
        }
        if (result.failed() || result.isSkipped()) {
            xml.writeCharacters("\n  ");
        }
        xml.writeEndElement();
    }

    /** Seconds with three decimals, as surefire writes them. */
    private static String seconds(Duration time) {
        return String.format(Locale.ROOT, "%.3f", time.toNanos() / 1e9);
    }

    /** What XML 1.0 can carry: other control characters (a service may answer anything) as U+FFFD. */
    static String text(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(c -> clean.appendCodePoint(
                c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000 ? c : 0xFFFD));
        return clean.toString();
    }
}
