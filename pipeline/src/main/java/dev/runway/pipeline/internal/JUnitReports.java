package dev.runway.pipeline.internal;

import dev.runway.pipeline.StepContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Sums JUnit XML reports (Surefire, Gradle, pytest --junitxml, jest-junit) and judges them. */
public final class JUnitReports {
  private JUnitReports() {}

  /** tests, failures, errors, skipped. */
  public record Totals(int tests, int failures, int errors, int skipped, int files) {}

  public static Totals read(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) return new Totals(0, 0, 0, 0, 0);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir, 4)) {
      files = walk.filter(p -> p.getFileName().toString().endsWith(".xml")).sorted().toList();
    }
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    DocumentBuilder builder = f.newDocumentBuilder();
    builder.setErrorHandler(null);
    int tests = 0, failures = 0, errors = 0, skipped = 0, count = 0;
    for (Path file : files) {
      Document doc;
      try {
        doc = builder.parse(file.toFile());
      } catch (org.xml.sax.SAXException | IOException e) {
        throw new StepFailed("junit report " + file + " is not readable XML (" + e.getMessage() + "); re-run the tests");
      }
      NodeList suites = doc.getElementsByTagName("testsuite");
      if (suites.getLength() == 0) continue;
      count++;
      for (int i = 0; i < suites.getLength(); i++) {
        Element s = (Element) suites.item(i);
        if (s.getElementsByTagName("testsuite").getLength() > 0) continue; // only leaf suites count
        tests += num(s, "tests");
        failures += num(s, "failures");
        errors += num(s, "errors");
        skipped += num(s, "skipped");
      }
    }
    return new Totals(tests, failures, errors, skipped, count);
  }

  private static int num(Element e, String attr) {
    String v = e.getAttribute(attr);
    if (v.isEmpty()) return 0;
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException x) {
      return 0;
    }
  }

  public static void gate(StepContext ctx, Path dir, int minTests) throws Exception {
    Path base = ctx instanceof Engine.Context ec ? ec.workDir() : Path.of(".");
    Path resolved = base.resolve(dir);
    Totals t = read(resolved);
    if (t.files() == 0) {
      throw new StepFailed("no JUnit XML reports under " + dir + "; run the tests first or point the gate at their reports");
    }
    ctx.log(t.tests() + " tests, " + t.failures() + " failures, " + t.errors() + " errors, " + t.skipped()
        + " skipped in " + t.files() + " reports");
    if (t.failures() + t.errors() > 0) {
      throw new StepFailed(t.failures() + " failures and " + t.errors() + " errors in " + t.tests()
          + " tests (reports in " + dir + ")");
    }
    if (t.tests() < minTests) {
      throw new StepFailed("only " + t.tests() + " tests ran, at least " + minTests + " expected (reports in " + dir + ")");
    }
  }
}
