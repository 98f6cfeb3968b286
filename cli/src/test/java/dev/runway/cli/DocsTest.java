package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The getting-started page's example runs for real and prints exactly what the page shows. */
class DocsTest {
  private static final Path DOCS = Path.of("..", "docs").toAbsolutePath().normalize();

  private static String block(String doc, String language) {
    Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(doc);
    assertThat(m.find()).as("a ```" + language + " block").isTrue();
    return m.group(1);
  }

  @Test
  void gettingStartedShowsWhatValidatePrints(@TempDir Path dir) throws IOException {
    String doc = Files.readString(DOCS.resolve("getting-started.md"));
    Files.writeString(dir.resolve("runway.conf"), block(doc, "hocon"));
    Files.writeString(dir.resolve(".env.production"), block(doc, "dotenv"));
    MainTest.Result r = MainTest.run("validate", "--config", dir.resolve("runway.conf").toString(), "--env", "production");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out().replace(dir + "/", "")).isEqualTo(block(doc, "text"));
  }
}
