package io.ctkit.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctkit.junit.JUnitResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The summary of a test report kept as evidence with a version: a JUnit XML report
 * ({@code <testsuite>} or {@code <testsuites>}, as Surefire and Gradle write them) or an Allure
 * {@code summary.json} ({@code {"statistic": {"total":..,"failed":..,"broken":..,"skipped":..}}}).
 *
 * @param kind {@code junit} or {@code allure}
 */
public record TestEvidence(String kind, int tests, int failures, int errors, int skipped) {

    /** Whether every test that ran passed. */
    public boolean passed() {
        return failures == 0 && errors == 0;
    }

    static TestEvidence parse(byte[] content, String source) throws RegistryException {
        String start = new String(content, 0, Math.min(content.length, 256), java.nio.charset.StandardCharsets.UTF_8)
                .stripLeading();
        return start.startsWith("<") ? junit(content, source) : allure(content, source);
    }

    /** Reads the summary of a report file. */
    public static TestEvidence read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    private static TestEvidence junit(byte[] content, String source) throws RegistryException {
        Element root;
        try {
            root = JUnitResults.root(content, source);
        } catch (IOException e) {
            throw new RegistryException(e.getMessage());
        }
        if (root.getTagName().equals("testsuite")) {
            return new TestEvidence("junit", count(root, "tests", source), count(root, "failures", source),
                    count(root, "errors", source), count(root, "skipped", source));
        }
        if (!root.getTagName().equals("testsuites")) {
            throw new RegistryException(source + ": a JUnit XML report has <testsuite> or <testsuites> at its root, not <"
                    + root.getTagName() + ">");
        }
        int tests = 0;
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        NodeList suites = root.getElementsByTagName("testsuite");
        for (int i = 0; i < suites.getLength(); i++) {
            Element s = (Element) suites.item(i);
            tests += count(s, "tests", source);
            failures += count(s, "failures", source);
            errors += count(s, "errors", source);
            skipped += count(s, "skipped", source);
        }
        return new TestEvidence("junit", tests, failures, errors, skipped);
    }

    private static int count(Element e, String attribute, String source) throws RegistryException {
        String v = e.getAttribute(attribute);
        if (v.isEmpty()) {
            return 0;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException ex) {
            throw new RegistryException(source + ": <" + e.getTagName() + " " + attribute + "=\"" + v
                    + "\"> is not a count");
        }
    }

    private static TestEvidence allure(byte[] content, String source) throws RegistryException {
        JsonNode stat = Json.parse(content, source).get("statistic");
        if (stat == null || !stat.isObject()) {
            throw new RegistryException(source + ": neither a JUnit XML report nor an Allure summary.json"
                    + " (no \"statistic\" object)");
        }
        return new TestEvidence("allure", stat.path("total").asInt(), stat.path("failed").asInt(),
                stat.path("broken").asInt(), stat.path("skipped").asInt());
    }

    String toJson() {
        return Json.MAPPER.createObjectNode().put("kind", kind).put("tests", tests).put("failures", failures)
                .put("errors", errors).put("skipped", skipped).put("passed", passed()).toString();
    }
}
