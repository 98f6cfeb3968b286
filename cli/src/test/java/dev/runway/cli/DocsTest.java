package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The getting-started page runs for real: its render.yaml and .env.example go into a folder,
 * `runway init` must write exactly the runway.conf and summary the page shows, and validate and
 * lint must print exactly what it shows.
 */
class DocsTest {
  private static final Path DOCS = Path.of("..", "docs").toAbsolutePath().normalize();

  private static List<String> blocks(String doc, String language) {
    Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(doc);
    List<String> out = new ArrayList<>();
    while (m.find()) out.add(m.group(1));
    assertThat(out).as("```" + language + " blocks").isNotEmpty();
    return out;
  }

  @Test
  void gettingStartedFromAnExistingAppShowsWhatInitValidateAndLintPrint(@TempDir Path dir) throws IOException {
    String doc = Files.readString(DOCS.resolve("getting-started.md"));
    Path app = Files.createDirectories(dir.resolve("shop"));
    Files.writeString(app.resolve("render.yaml"), blocks(doc, "yaml").get(0));
    Files.writeString(app.resolve(".env.example"), blocks(doc, "dotenv").get(0));
    Files.createDirectories(app.resolve("frontend"));
    Files.writeString(app.resolve("frontend/package.json"), "{ \"dependencies\": { \"next\": \"15.1.0\" } }\n");
    List<String> text = blocks(doc, "text");

    MainTest.Result init = MainTest.run("init", "--dir", app.toString());
    assertThat(init.code()).as(init.err()).isZero();
    assertThat(init.out().replace(app + "/", "")).isEqualTo(text.get(0));
    assertThat(Files.readString(app.resolve("runway.conf"))).isEqualTo(blocks(doc, "hocon").get(0));

    Files.writeString(app.resolve(".env.production"), blocks(doc, "dotenv").get(1));
    String conf = app.resolve("runway.conf").toString();
    MainTest.Result validate = MainTest.run("validate", "--config", conf, "--env", "production");
    assertThat(validate.code()).isEqualTo(1);
    assertThat(validate.out().replace(app + "/", "")).isEqualTo(text.get(1));

    MainTest.Result lint = MainTest.run("lint", "--config", conf, app.toString());
    assertThat(lint.code()).as(lint.err()).isZero();
    assertThat(lint.out().replace(app + "/", "")).isEqualTo(text.get(2));
  }
}
