package io.pushtrain.perf.junit;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import io.pushtrain.perf.PerfException;
import io.pushtrain.perf.TestCaseResult;
import io.pushtrain.perf.TestCaseResult.Status;
import io.pushtrain.perf.TestSuiteResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads the JUnit XML that surefire, failsafe, pytest ({@code --junitxml}) and go-junit-report write:
 * a {@code <testsuite>} or {@code <testsuites>} of them (nested too), with {@code <testcase>} children
 * that may hold {@code <failure>}, {@code <error>} or {@code <skipped>}.
 */
public final class JUnitXml {

    private JUnitXml() {
    }

    /** The suites in document order; {@code source} names the report in error messages. */
    public static List<TestSuiteResult> parse(String xml, String source) {
        Element root = document(xml, source).getDocumentElement();
        List<TestSuiteResult> suites = new ArrayList<>();
        switch (root.getTagName()) {
            case "testsuite" -> collect(root, suites);
            case "testsuites" -> children(root, "testsuite").forEach(s -> collect(s, suites));
            default -> throw new PerfException.Malformed(source + ": expected <testsuite> or <testsuites>, found <" + root.getTagName() + ">");
        }
        return suites;
    }

    private static void collect(Element suite, List<TestSuiteResult> into) {
        String name = suite.getAttribute("name");
        List<TestCaseResult> cases = new ArrayList<>();
        for (Element testcase : children(suite, "testcase")) {
            cases.add(testCase(testcase, name));
        }
        into.add(new TestSuiteResult(name, cases));
        children(suite, "testsuite").forEach(nested -> collect(nested, into));
    }

    private static TestCaseResult testCase(Element testcase, String suiteName) {
        String classname = testcase.getAttribute("classname");
        String suite = classname.isEmpty() ? suiteName : classname;
        double seconds = seconds(testcase.getAttribute("time"));
        for (Status status : List.of(Status.FAILED, Status.ERROR, Status.SKIPPED)) {
            List<Element> found = children(testcase, tag(status));
            if (!found.isEmpty()) {
                return new TestCaseResult(suite, testcase.getAttribute("name"), status, seconds, message(found.get(0)));
            }
        }
        return new TestCaseResult(suite, testcase.getAttribute("name"), Status.PASSED, seconds, "");
    }

    private static String tag(Status status) {
        return switch (status) {
            case FAILED -> "failure";
            case ERROR -> "error";
            default -> "skipped";
        };
    }

    /** The message attribute, else the first line of the element's text (the stack trace's head). */
    private static String message(Element problem) {
        String message = problem.getAttribute("message").strip();
        if (!message.isEmpty()) {
            return message;
        }
        String text = problem.getTextContent().strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline).strip();
    }

    /** Some surefire versions write {@code time="1,234.5"} in some locales; a missing time counts as 0. */
    private static double seconds(String time) {
        String t = time.replace(",", "").strip();
        if (t.isEmpty()) {
            return 0;
        }
        try {
            return Math.max(0, Double.parseDouble(t));
        } catch (NumberFormatException e) {
            throw new PerfException.Malformed("time=\"" + time + "\" is not a number of seconds", e);
        }
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                found.add(e);
            }
        }
        return found;
    }

    private static Document document(String xml, String source) {
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(null); // errors are thrown, not printed to stderr as well
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXParseException e) {
            throw new PerfException.Malformed(source + " line " + e.getLineNumber() + ": " + e.getMessage(), e);
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new PerfException.Malformed(source + ": " + e.getMessage(), e);
        }
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        // Reports come from code under test: no DTDs, no external entities.
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setExpandEntityReferences(false);
        return factory;
    }
}
