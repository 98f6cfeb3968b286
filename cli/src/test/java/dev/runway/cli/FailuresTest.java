package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.base.internal.Printable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Terminal injection: a control or bidi character planted in any input the CLI quotes (an option,
 * a key id, an app name, a variable's name or value, a render.yaml or vercel.json name) reaches
 * neither stdout nor stderr raw; the reader sees it as an escape.
 */
class FailuresTest {
  private static final Path EXAMPLE = Path.of("..", "examples", "acme").toAbsolutePath().normalize();
  /** ESC [31m (recolours), CSI as one C1 character, RIGHT-TO-LEFT OVERRIDE, LEFT-TO-RIGHT ISOLATE. */
  private static final List<String> PLANTS = List.of("\u001b[31m", "\u009b2J", "\u202e", "\u2066");

  @TempDir Path dir;

  interface Case {
    MainTest.Result run(Path dir, String plant) throws Exception;
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    List<Object[]> cases = List.of(
        new Object[] {"--env", (Case) (d, p) -> MainTest.run("validate", "--config", conf(d).toString(), "--env", "prod" + p)},
        new Object[] {"app name", (Case) (d, p) -> {
          Path conf = conf(d);
          Files.writeString(conf, Files.readString(conf).replaceFirst("(?m)^app = acme$", "app = \"ac" + p + "me\""));
          return MainTest.run("config", "--config", conf.toString());
        }},
        new Object[] {"app name in an encrypted file", (Case) (d, p) -> {
          Path project = conf(d).getParent();
          Path key = d.resolve("keys/production.key");
          assertThat(MainTest.run("keygen", "--env", "production", "--env-dir", project.toString(), "--out", key.toString())
              .code()).isZero();
          MainTest.Result encrypted = MainTest.run("encrypt", "--env", "production", "--env-dir", project.toString(),
              "--key-file", key.toString(), "--app", "ac" + p + "me");
          if (encrypted.code() != 0) return encrypted;   // refused, quoting the name
          return MainTest.run("decrypt", "--env", "production", "--env-dir", project.toString(), "--key-file",
              key.toString(), "--app", "acme");
        }},
        new Object[] {"key id", (Case) (d, p) -> {
          Path conf = conf(d);
          Path key = d.resolve("keys/production.key");
          Path project = conf.getParent();
          assertThat(MainTest.run("keygen", "--env", "production", "--env-dir", project.toString(), "--out", key.toString())
              .code()).isZero();
          assertThat(MainTest.run("encrypt", "--env", "production", "--env-dir", project.toString(), "--key-file",
              key.toString()).code()).isZero();
          Path enc = project.resolve(".env.production.enc");
          Files.writeString(enc, Files.readString(enc).replaceFirst("key=([0-9a-f]+)", "key=$1" + p));
          return MainTest.run("decrypt", "--env", "production", "--env-dir", project.toString(), "--key-file", key.toString());
        }},
        new Object[] {"variable name", (Case) (d, p) -> {
          Path env = conf(d).resolveSibling(".env.production");
          Files.writeString(env, Files.readString(env) + "OPEN" + p + "AI_KEY=1\n");
          return MainTest.run("validate", "--config", conf(d).toString(), "--env", "production");
        }},
        new Object[] {"variable name in runway.conf", (Case) (d, p) -> {
          Path conf = conf(d);
          Files.writeString(conf, Files.readString(conf).replaceFirst("(?m)^  PORT \\{", "  \"PO" + p + "RT\" {"));
          return MainTest.run("validate", "--config", conf.toString(), "--env", "production");
        }},
        new Object[] {"value", (Case) (d, p) -> {
          Path env = conf(d).resolveSibling(".env.production");
          Files.writeString(env, Files.readString(env) + "LOG_LEVEL=re" + p + "d\n");
          return MainTest.run("validate", "--config", conf(d).toString(), "--env", "production");
        }},
        new Object[] {"render.yaml service name", (Case) (d, p) -> {
          Path yaml = conf(d).resolveSibling("render.yaml");
          Files.writeString(yaml, Files.readString(yaml).replaceFirst("name: api", java.util.regex.Matcher.quoteReplacement(
              "name: \"ap" + jsonEscape(p) + "i\"")));   // YAML's own escape: the name holds the raw character
          return MainTest.run("render", "check", "--config", conf(d).toString());
        }},
        new Object[] {"vercel.json key", (Case) (d, p) -> {
          Path json = conf(d).resolveSibling("vercel.json");
          Files.writeString(json, "{\n  \"framework\": \"nextjs\",\n  \"reg" + jsonEscape(p) + "ions\": [\"iad1\"]\n}\n");
          return MainTest.run("vercel", "check", "--no-model", "--file", json.toString());
        }},
        new Object[] {"file name", (Case) (d, p) -> MainTest.run("render", "check", "--no-model", "--file",
            d.resolve("rend" + p + "er.yaml").toString())});
    for (Object[] c : cases) for (String plant : PLANTS) out.add(Arguments.of(c[0], plant, c[1]));
    return out.stream();
  }

  @ParameterizedTest(name = "{0} holding {1}")
  @MethodSource("cases")
  void noControlOrBidiCharacterFromInputReachesTheTerminalRaw(String what, String plant, Case c) throws Exception {
    MainTest.Result r = c.run(dir, plant);
    String printed = r.out() + r.err();
    for (int i = 0; i < printed.length(); i++) {
      char ch = printed.charAt(i);
      boolean lineEnd = ch == '\n' || ch == '\t' || (ch == '\r' && i + 1 < printed.length() && printed.charAt(i + 1) == '\n');
      assertThat(!Printable.isUnsafe(ch) || lineEnd)
          .as("%s: raw U+%04X at %d in:%n%s", what, (int) ch, i, Printable.escapeKeepingLines(printed)).isTrue();
    }
    // shown, in one of the visible forms: \u001b (Runway), U+001B (the dotenv reader), 0x1b (HOCON's reader)
    int planted = plant.charAt(0);
    assertThat(printed).as(what).containsAnyOf(Printable.escape(plant.substring(0, 1)),
        String.format("U+%04X", planted), String.format("0x%02x", planted));
  }

  private static Path conf(Path dir) throws IOException {
    Path project = dir.resolve("app");
    if (!Files.exists(project.resolve("runway.conf"))) {
      for (String name : DemoCommand.EXAMPLE_FILES) {
        Files.createDirectories(project.resolve(name).getParent());
        Files.copy(EXAMPLE.resolve(name), project.resolve(name));
      }
      for (String name : List.of("render.yaml", "vercel.json")) Files.copy(EXAMPLE.resolve(name), project.resolve(name));
    }
    return project.resolve("runway.conf");
  }

  private static String jsonEscape(String s) {
    StringBuilder sb = new StringBuilder();
    for (char ch : s.toCharArray()) {
      if (ch < 0x20 || ch > 0x7e) sb.append(String.format("\\u%04x", (int) ch));
      else sb.append(ch);
    }
    return sb.toString();
  }

}
