package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ConfigCommandTest {
  private static final String CONF = """
      app = shop
      environments = [development, production]
      services {
        api { platform = render, plan = starter }
        web { platform = vercel, framework = nextjs }
      }
      variables {
        PORT { type = port, default = 10000, targets = [api] }
        OPENAI_API_KEY { type = secret, format = openai, required-in = [production], targets = [api],
                         default = "sk-proj-DEFAULTinTHEconfFILE0000000000" }
        NEXT_PUBLIC_API_URL { type = url, sensitivity = public, targets = [web], required = false }
      }
      rules = [ { rule = no-localhost, in = [production] } ]
      """;

  private static Path conf(Path dir) throws IOException {
    Path file = dir.resolve("runway.conf");
    Files.writeString(file, CONF);
    return file;
  }

  @Test
  void printsTheResolvedModelAsTextWithoutASecretValue(@TempDir Path dir) throws IOException {
    MainTest.Result r = MainTest.run("config", "--config", conf(dir).toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("""
        app shop
        environments development, production
        services
          api (render) plan=starter
          web (vercel) framework=nextjs
        variables
          PORT: port, internal, to api, required, default 10000
          OPENAI_API_KEY: secret, secret, to api, required in production, format openai, default ****
          NEXT_PUBLIC_API_URL: url, public, to web, optional
        rules
          no-localhost in production
        """);
  }

  @Test
  void theJsonShapeIsStableAndCarriesNoSecret(@TempDir Path dir) throws IOException {
    MainTest.Result r = MainTest.run("config", "--config", conf(dir).toString(), "--format", "json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).doesNotContain("DEFAULTinTHEconfFILE");
    JsonNode model = JsonMapper.shared().readTree(r.out());
    assertThat(names(model)).containsExactly("app", "environments", "services", "variables", "rules");
    assertThat(names(model.get("services").get(0))).containsExactly("name", "platform", "settings");
    JsonNode key = model.get("variables").get(1);
    assertThat(names(key)).containsExactly("name", "type", "sensitivity", "targets", "required", "forbiddenIn",
        "defaults", "format", "expected", "description");
    assertThat(key.get("name").asString()).isEqualTo("OPENAI_API_KEY");
    assertThat(key.get("sensitivity").asString()).isEqualTo("secret");
    assertThat(key.get("format").asString()).isEqualTo("openai");
    assertThat(key.get("required").toString()).isEqualTo("[\"production\"]");
    assertThat(key.get("defaults").get("production").asString()).isEqualTo("****");
    assertThat(model.get("rules").get(0).asString()).isEqualTo("no-localhost in production");
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.propertyNames().forEach(names::add);
    return names;
  }
}
