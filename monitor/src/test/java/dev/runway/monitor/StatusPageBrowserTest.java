package dev.runway.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the status page in a real headless Chromium (Debian's {@code chromium}; {@code .ci/run}
 * installs it): no console message at all (the page has no script, so any message is a CSP
 * violation or an error), the bars and the chart are in the rendered DOM, and the screenshot is
 * not blank.
 */
class StatusPageBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Pattern CONSOLE = Pattern.compile(":CONSOLE[:(].*");

  @TempDir Path dir;

  @BeforeAll
  static void needsChromium() {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
        "no chromium at /usr/bin/chromium: status page browser test skipped (apt-get install -y chromium)");
  }

  @Test
  void theSeededPageLoadsWithoutConsoleErrorsAndDrawsBarsAndChart() throws Exception {
    Path page = StatusPage.write(new Seeded().report(), dir.resolve("status.html"));

    Run dom = chromium("--dump-dom", page);
    assertThat(dom.exit).isZero();
    assertThat(count(dom.stdout, "<rect class=\"bar bar-")).isEqualTo(180);
    assertThat(count(dom.stdout, "<rect class=\"bar bar-down\"")).isGreaterThanOrEqualTo(1);
    Matcher line = Pattern.compile("<polyline class=\"line\" points=\"([^\"]+)\"").matcher(dom.stdout);
    int charts = 0;
    while (line.find()) {
      charts++;
      assertThat(line.group(1).split(" ")).hasSizeGreaterThan(60);
    }
    assertThat(charts).isEqualTo(2);
    assertThat(dom.consoleLines()).isEmpty();

    Path png = dir.resolve("status.png");
    Run shot = chromium("--screenshot=" + png, page);
    assertThat(shot.exit).isZero();
    assertThat(shot.consoleLines()).isEmpty();
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1000);
    Set<Integer> colours = new HashSet<>();
    long upGreen = 0;
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        colours.add(rgb);
        int r = rgb >> 16 & 0xff;
        int g = rgb >> 8 & 0xff;
        int b = rgb & 0xff;
        if (g > 100 && g > r + 50 && g > b + 50) upGreen++; // the "up" bars and banner (#1a7f37)
      }
    }
    assertThat(colours.size()).as("distinct colours in the screenshot").isGreaterThan(20);
    assertThat(upGreen).as("green pixels of the up bars").isGreaterThan(2000);
  }

  @Test
  void aPageWithAScriptWouldBeCaught() throws Exception {
    // The control: the same page with one inline script must produce a console line, or the check above proves nothing.
    String html = StatusPage.html(new Seeded().report()).replace("</body>", "<script>document.title='x'</script></body>");
    Path page = dir.resolve("scripted.html");
    Files.writeString(page, html);
    Run dom = chromium("--dump-dom", page);
    assertThat(dom.consoleLines()).singleElement().asString().contains("Content Security Policy");
  }

  record Run(int exit, String stdout, String stderr) {
    List<String> consoleLines() {
      List<String> out = new ArrayList<>();
      for (String l : stderr.split("\n")) if (CONSOLE.matcher(l).find()) out.add(l);
      return out;
    }
  }

  private Run chromium(String action, Path page) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(dir, "profile");
    Path out = dir.resolve("out-" + System.nanoTime());
    Path err = dir.resolve("err-" + System.nanoTime());
    Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--window-size=1000,1600",
        "--hide-scrollbars", action, page.toUri().toString())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish within 90 s: " + Files.readString(err));
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  private static int count(String text, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
    int n = 0;
    while (m.find()) n++;
    return n;
  }
}
