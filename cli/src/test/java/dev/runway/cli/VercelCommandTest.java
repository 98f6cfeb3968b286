package dev.runway.cli;

import static dev.runway.cli.MainTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VercelCommandTest {
  @TempDir Path dir;

  private static final String LEGACY = """
      {
        "version": 2,
        "builds": [ { "src": "index.js", "use": "@vercel/node" } ]
      }
      """;

  @Test
  void checksAFileWithoutAModelAndWarningsAloneExitZero() throws Exception {
    Path file = dir.resolve("vercel.json");
    Files.writeString(file, LEGACY);
    MainTest.Result r = run("vercel", "check", "--file", file.toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).startsWith(file + ": ok (0 errors, 1 warning)")
        .contains("warning DEPRECATED " + file + ":3: builds: is deprecated");
  }

  @Test
  void anErrorExitsOne() throws Exception {
    Path file = dir.resolve("vercel.json");
    Files.writeString(file, "{\n  \"cleanUrl\": true\n}\n");
    MainTest.Result r = run("vercel", "check", "--file", file.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("error   UNKNOWN " + file + ":2: cleanUrl: is not a vercel.json property; Vercel rejects the"
        + " file; rename it to \"cleanUrls\" or remove it");
  }

  @Test
  void aSyntaxErrorIsUnreadableInputExitTwoSayingWhereOnce() throws Exception {
    Path file = dir.resolve("vercel.json");
    Files.writeString(file, "{\n  \"regions\": [\"iad1\",]\n}\n");
    MainTest.Result r = run("vercel", "check", "--file", file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("runway: " + file + ":2:22: ']' where a value should be").doesNotContain("code 93");
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err().split(java.util.regex.Pattern.quote(file.toString()), -1)).hasSize(2);   // named once
  }

  @Test
  void generateWithSeveralVercelServicesGivesTheCliFixNotTheJavaOne() throws Exception {
    Path conf = dir.resolve("runway.conf");
    Files.writeString(conf, "app = acme\nservices.web { platform = vercel, framework = nextjs }\n"
        + "services.docs { platform = vercel, framework = vite }\n");
    MainTest.Result r = run("vercel", "generate", "--config", conf.toString(), "--out", "-");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("runway: vercel generate: the model has 2 Vercel services (web, docs); name one:"
        + " runway vercel generate --service web" + System.lineSeparator());
    assertThat(run("vercel", "generate", "--config", conf.toString(), "--out", "-", "--service", "docs").out())
        .contains("\"framework\" : \"vite\"");
  }

  @Test
  void aConflictsFixNamesTheCommandToRun() throws Exception {
    Path conf = dir.resolve("runway.conf");
    Files.writeString(conf, "app = acme\nservices.web { platform = vercel, framework = nextjs }\n");
    Files.writeString(dir.resolve("vercel.json"), "{\n  \"framework\": \"vite\"\n}\n");
    MainTest.Result r = run("vercel", "check", "--config", conf.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("regenerate vercel.json from the model (`runway vercel generate`,");
  }

  @Test
  void aMissingFileExitsTwoWithOneMessage() {
    Path file = dir.resolve("vercel.json");
    MainTest.Result r = run("vercel", "check", "--file", file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("runway: " + file + ": no such file; name the vercel.json with --file, or write one"
        + " with `runway vercel generate`");
  }

  @Test
  void withAModelItAddsDriftAndNoModelLeavesItOut() throws Exception {
    Path conf = dir.resolve("runway.conf");
    Files.writeString(conf, "app = acme\nservices.web { platform = vercel, framework = nextjs }\n");
    Path file = dir.resolve("vercel.json");
    Files.writeString(file, "{\n  \"framework\": \"vite\"\n}\n");
    MainTest.Result drift = run("vercel", "check", "--config", conf.toString());
    assertThat(drift.code()).isEqualTo(1);
    assertThat(drift.out()).contains(file + ":2: framework: is 'vite' in vercel.json, but runway.conf (services.web.framework) gives 'nextjs'");
    MainTest.Result alone = run("vercel", "check", "--config", conf.toString(), "--no-model");
    assertThat(alone.code()).as(alone.out()).isZero();
  }

  @Test
  void generateRefusesToDropWhatTheModelDoesNotExpressUnlessForced() throws Exception {
    Path conf = dir.resolve("runway.conf");
    Files.writeString(conf, "app = acme\nservices.web { platform = vercel, framework = nextjs }\n");
    Path file = dir.resolve("vercel.json");
    String existing = "{\n  \"framework\": \"nextjs\",\n  \"rewrites\": [ { \"source\": \"/a\", \"destination\": \"/b\" } ]\n}\n";
    Files.writeString(file, existing);
    MainTest.Result refused = run("vercel", "generate", "--config", conf.toString());
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.out()).contains("error   CONFLICT " + file + ":3: rewrites: is in vercel.json but not in runway.conf;"
        + " `runway vercel generate` would drop it; keep it by adding rewrites = [{\"source\":\"/a\",\"destination\":\"/b\"}]"
        + " to services.web in runway.conf");
    assertThat(refused.err()).contains("not written");
    assertThat(Files.readString(file)).isEqualTo(existing);

    Files.writeString(conf, "app = acme\nservices.web { platform = vercel, framework = nextjs\n"
        + "  rewrites = [{\"source\":\"/a\",\"destination\":\"/b\"}] }\n");
    MainTest.Result kept = run("vercel", "generate", "--config", conf.toString());
    assertThat(kept.code()).as(kept.out() + kept.err()).isZero();
    assertThat(run("vercel", "check", "--config", conf.toString()).code()).isZero();

    Files.writeString(conf, "app = acme\nservices.web { platform = vercel, framework = nextjs }\n");
    MainTest.Result forced = run("vercel", "generate", "--config", conf.toString(), "--force");
    assertThat(forced.code()).isZero();
    assertThat(Files.readString(file)).doesNotContain("rewrites");
  }
}
