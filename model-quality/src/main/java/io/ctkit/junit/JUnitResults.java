package io.ctkit.junit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The test cases of JUnit XML reports, as Surefire, Failsafe, Gradle and the JUnit console write
 * them ({@code <testsuite>} or {@code <testsuites>} at the root, {@code <testcase>} elements with
 * {@code <failure>}, {@code <error>} or {@code <skipped>}). The {@code test} stage and the gate's
 * {@code tests} rule read them; the registry keeps the files as a version's test evidence.
 *
 * <p>A test Surefire re-ran and then passed ({@code <flakyFailure>}, {@code <flakyError>}) counts as
 * passed. DTDs and external entities are refused: reports come from builds.
 *
 * @param cases every test case, in file order
 * @param files the report files read
 */
public record JUnitResults(List<TestOutcome> cases, List<Path> files) {

    public JUnitResults {
        cases = List.copyOf(cases);
        files = List.copyOf(files);
    }

    /** Number of test cases. */
    public int total() {
        return cases.size();
    }

    /** Test cases with this status. */
    public long count(TestOutcome.Status status) {
        return cases.stream().filter(c -> c.status() == status).count();
    }

    /** The failed and erroneous test cases, in file order. */
    public List<TestOutcome> problems() {
        return cases.stream().filter(c -> c.status().isProblem()).toList();
    }

    /** True when at least one test ran and none failed or erred. */
    public boolean passed() {
        return problems().isEmpty() && total() > count(TestOutcome.Status.SKIPPED);
    }

    /** {@code 14 tests: 12 passed, 1 failed, 0 errors, 1 skipped}. */
    public String summary() {
        return String.format(Locale.ROOT, "%d test%s: %d passed, %d failed, %d error%s, %d skipped", total(),
                total() == 1 ? "" : "s", count(TestOutcome.Status.PASSED), count(TestOutcome.Status.FAILED),
                count(TestOutcome.Status.ERROR), count(TestOutcome.Status.ERROR) == 1 ? "" : "s",
                count(TestOutcome.Status.SKIPPED));
    }

    /**
     * Reads a report file, or every {@code *.xml} file directly in a directory (as Surefire's
     * {@code target/surefire-reports} holds them), in name order.
     *
     * @throws IOException when a file cannot be read or is not a JUnit XML report; the message names
     *     the file and what is wrong
     */
    public static JUnitResults read(Path fileOrDirectory) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(fileOrDirectory)) {
            try (Stream<Path> s = Files.list(fileOrDirectory)) {
                s.filter(p -> p.getFileName().toString().endsWith(".xml") && Files.isRegularFile(p)).sorted()
                        .forEach(files::add);
            }
        } else if (Files.isRegularFile(fileOrDirectory)) {
            files.add(fileOrDirectory);
        } else {
            throw new IOException(fileOrDirectory + ": no such JUnit XML report or directory of reports");
        }
        return read(files);
    }

    /** Reads these report files. */
    public static JUnitResults read(List<Path> files) throws IOException {
        List<TestOutcome> cases = new ArrayList<>();
        for (Path f : files) {
            cases.addAll(parse(Files.readAllBytes(f), f.toString()));
        }
        return new JUnitResults(cases, files);
    }

    /**
     * The test cases of one report's bytes.
     *
     * @param source names the report in error messages
     */
    public static List<TestOutcome> parse(byte[] content, String source) throws IOException {
        Element root = root(content, source);
        if (!root.getTagName().equals("testsuite") && !root.getTagName().equals("testsuites")) {
            throw new IOException(source + ": a JUnit XML report has <testsuite> or <testsuites> at its root, not <"
                    + root.getTagName() + ">");
        }
        List<TestOutcome> cases = new ArrayList<>();
        NodeList all = root.getElementsByTagName("testcase");
        for (int i = 0; i < all.getLength(); i++) {
            cases.add(testCase((Element) all.item(i), source));
        }
        return cases;
    }

    private static TestOutcome testCase(Element e, String source) throws IOException {
        if (!e.hasAttribute("name")) {
            throw new IOException(source + ": a <testcase> has no name attribute");
        }
        TestOutcome.Status status = TestOutcome.Status.PASSED;
        Element detail = null;
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element child)) {
                continue;
            }
            switch (child.getTagName()) {
                case "failure" -> {
                    status = TestOutcome.Status.FAILED;
                    detail = child;
                }
                case "error" -> {
                    if (status != TestOutcome.Status.FAILED) {
                        status = TestOutcome.Status.ERROR;
                        detail = child;
                    }
                }
                case "skipped" -> {
                    if (status == TestOutcome.Status.PASSED) {
                        status = TestOutcome.Status.SKIPPED;
                        detail = child;
                    }
                }
                default -> {
                    // system-out, system-err, properties, and Surefire's flaky/rerun records of a test that passed
                }
            }
        }
        String message = "";
        String type = "";
        if (detail != null) {
            type = detail.getAttribute("type");
            message = detail.getAttribute("message");
            if (message.isBlank()) {
                String text = detail.getTextContent().strip();
                int nl = text.indexOf('\n');
                message = nl < 0 ? text : text.substring(0, nl).strip();
            }
            if (message.isBlank()) {
                message = type;
            }
        }
        return new TestOutcome(e.getAttribute("classname"), e.getAttribute("name"), status, message, type,
                seconds(e.getAttribute("time")));
    }

    private static double seconds(String time) {
        if (time == null || time.isBlank()) {
            return 0;
        }
        try {
            // Surefire writes "1,234.5" in some locales
            return Double.parseDouble(time.replace(",", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The root element of a JUnit XML report's bytes, parsed with DTDs and external entities refused
     * (reports come from builds); the registry's test-evidence summary reads it too.
     *
     * @throws IOException "{@code source}: is not a readable JUnit XML report: ..." for malformed XML
     */
    public static Element root(byte[] content, String source) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            // errors become the exception below; the default handler would also print them to stderr
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return b.parse(new ByteArrayInputStream(content)).getDocumentElement();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException(source + ": is not a readable JUnit XML report: " + e.getMessage(), e);
        }
    }
}
