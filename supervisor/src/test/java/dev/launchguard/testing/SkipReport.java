package dev.launchguard.testing;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Puts the tests that were skipped, and why, on the build's console: surefire and failsafe keep a
 * skip's reason in their XML reports only, so a build could pass with the hermetic tests silently
 * skipped. One line per reason, naming the test classes; the reason itself says how to run them
 * (the hermetic tests' says {@code .ci/hermetic ./mvnw verify}). Run by the build after the
 * integration tests, with the report folders as arguments.
 */
public final class SkipReport {

    private SkipReport() {
    }

    public static void main(String[] args) throws Exception {
        List<Path> folders = Stream.of(args).map(Path::of).toList();
        print(skipped(folders), System.out);
    }

    /** Reason → the simple names of the classes with a test skipped for it, from every TEST-*.xml report. */
    static Map<String, TreeSet<String>> skipped(List<Path> folders)
            throws IOException, ParserConfigurationException, SAXException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        Map<String, TreeSet<String>> byReason = new TreeMap<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            List<Path> reports;
            try (Stream<Path> files = Files.list(folder)) {
                reports = files.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList();
            }
            for (Path report : reports) {
                NodeList cases = builder.parse(report.toFile()).getElementsByTagName("testcase");
                for (int i = 0; i < cases.getLength(); i++) {
                    Element testcase = (Element) cases.item(i);
                    NodeList skips = testcase.getElementsByTagName("skipped");
                    if (skips.getLength() > 0) {
                        byReason.computeIfAbsent(reason((Element) skips.item(0)), r -> new TreeSet<>())
                                .add(simpleName(testcase.getAttribute("classname")));
                    }
                }
            }
        }
        return byReason;
    }

    /**
     * A skip's reason: its {@code message} attribute (an {@code @Disabled} reason), else the first line
     * of its text (an aborted assumption: failsafe writes the exception, {@code <type>: <message>}, and
     * its stack there).
     */
    private static String reason(Element skipped) {
        String message = skipped.getAttribute("message").strip();
        if (!message.isEmpty()) {
            return message;
        }
        // The message may span lines (AssertJ's start with a line break): everything before the stack.
        String text = skipped.getTextContent().lines().takeWhile(l -> !l.strip().startsWith("at "))
                .map(String::strip).filter(l -> !l.isEmpty()).collect(java.util.stream.Collectors.joining(" "));
        String type = skipped.getAttribute("type");
        if (!type.isEmpty() && text.startsWith(type + ":")) {
            text = text.substring(type.length() + 1).strip();
        }
        return text.isEmpty() ? "no reason given" : text;
    }

    static void print(Map<String, TreeSet<String>> byReason, PrintStream out) {
        List<String> lines = new ArrayList<>();
        byReason.forEach((reason, classes) -> lines.add("SKIPPED " + String.join(", ", classes) + ": " + reason));
        if (!lines.isEmpty()) {
            out.println("Tests skipped in this build (the reports in target/*-reports have each one):");
            lines.forEach(out::println);
        }
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
