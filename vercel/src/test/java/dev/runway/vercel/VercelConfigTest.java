package dev.runway.vercel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.base.RunwayException;
import dev.runway.testkit.JsonSchemas;
import dev.runway.testkit.Specs;
import dev.runway.vercel.internal.VercelJsonRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class VercelConfigTest {
  private static final String SCHEMA = "vercel/vercel.json.schema.json";

  private static final String SAMPLE = """
      {
        "$schema": "https://openapi.vercel.sh/vercel.json",
        "framework": "nextjs",
        "buildCommand": "next build",
        "regions": ["iad1"],
        "crons": [
          { "path": "/api/cleanup", "schedule": "0 5 * * *" }
        ],
        "headers": [
          { "source": "/(.*)", "headers": [ { "key": "X-Frame-Options", "value": "DENY" } ] }
        ],
        "rewrites": [ { "source": "/api/(.*)", "destination": "https://api.example.com/$1" } ],
        "cleanUrls": true
      }
      """;

  @Test
  void readsTypedPropertiesAndKeepsTheOthers() {
    VercelConfig c = VercelConfig.parse(SAMPLE, Origin.of("vercel.json"));
    assertThat(c.framework()).contains("nextjs");
    assertThat(c.buildCommand()).contains("next build");
    assertThat(c.regions()).containsExactly("iad1");
    assertThat(c.crons()).containsExactly(new VercelConfig.Cron("/api/cleanup", "0 5 * * *"));
    assertThat(c.headers()).containsExactly(new VercelConfig.HeaderRule("/(.*)",
        List.of(new VercelConfig.Header("X-Frame-Options", "DENY"))));
    assertThat(c.cleanUrls()).contains(true);
    assertThat(c.other()).containsOnlyKeys("$schema", "rewrites");
    assertThat(c.validate().isEmpty()).isTrue();
  }

  @Test
  void writesWhatItReadsAndTheOutputValidatesAgainstTheVendorSchema() {
    VercelConfig c = VercelConfig.parse(SAMPLE, Origin.of("vercel.json"));
    String json = c.toJson();
    assertThat(VercelConfig.parse(json, Origin.of("again"))).isEqualTo(c);
    assertThat(JsonSchemas.validateJson(SCHEMA, json)).isEmpty();
  }

  @Test
  void writesAndReadsAFile(@TempDir Path dir) {
    VercelConfig c = VercelConfig.builder().framework("nextjs").cron("/api/a", "0 5 * * *").build();
    Path file = dir.resolve("web/vercel.json");
    c.writeTo(file);
    VercelConfig back = VercelConfig.read(file);
    assertThat(back).isEqualTo(c);
    assertThat(back.origin()).contains(Origin.file(file));
  }

  @Test
  void namesFileAndLineOfMalformedJson(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("vercel.json");
    Files.writeString(file, "{\n  \"framework\": \"nextjs\",\n  \"regions\": [\"iad1\",]\n}\n");
    assertThatThrownBy(() -> VercelConfig.read(file))
        .isInstanceOf(RunwayException.ParseFailed.class)
        .hasMessage(file + ":3:22: ']' where a value should be (a trailing comma before it?); remove the comma before ']'")
        .satisfies(e -> assertThat(((RunwayException) e).origin()).contains(Origin.file(file, 3)));
  }

  @Test
  void rejectsDuplicateKeysAtTheirLine() {
    assertThatThrownBy(() -> VercelConfig.parse("{\n\"framework\": \"nextjs\",\n\"framework\": \"vite\"\n}", Origin.of("vercel.json")))
        .isInstanceOf(RunwayException.ParseFailed.class)
        .hasMessage("vercel.json:3:12: \"framework\" appears twice in the same object; Vercel would silently keep only the last one; keep one of them");
  }

  @Test
  void namesFileAndLineOfAWronglyTypedProperty(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("vercel.json");
    Files.writeString(file, "{\n  \"framework\": \"nextjs\",\n  \"crons\": [\n    {\"path\": \"/a\"}\n  ],\n  \"regions\": \"iad1\"\n}\n");
    assertThatThrownBy(() -> VercelConfig.read(file))
        .isInstanceOf(RunwayException.ParseFailed.class)
        .hasMessage(file + ":4: crons[0].schedule: is missing; add \"schedule\"");
    Files.writeString(file, "{\n  \"framework\": \"nextjs\",\n  \"regions\": \"iad1\"\n}\n");
    assertThatThrownBy(() -> VercelConfig.read(file))
        .hasMessage(file + ":3: regions: must be an array but is a string; write [ ... ]");
  }

  @Test
  void refusesATopLevelThatIsNotAnObject() {
    assertThatThrownBy(() -> VercelConfig.parse("[1]", Origin.of("vercel.json")))
        .isInstanceOf(RunwayException.ParseFailed.class)
        .hasMessage("vercel.json: vercel.json: the top level must be a JSON object; wrap the settings in { }");
    assertThatThrownBy(() -> VercelConfig.parse("  ", Origin.of("vercel.json")))
        .isInstanceOf(RunwayException.ParseFailed.class)
        .hasMessage("vercel.json: the file is empty; write a JSON object, at least {}");
  }

  @Test
  void reportsEveryProblemAtOnceWithLinesAndFixes(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("vercel.json");
    Files.writeString(file, """
        {
          "framework": "next",
          "regoins": ["iad1"],
          "crons": [
            { "path": "api/cleanup", "schedule": "daily" }
          ]
        }
        """);
    var problems = VercelConfig.read(file).validate();
    assertThat(problems.toText()).isEqualTo(String.join("\n",
        "error   OUT_OF_RANGE " + file + ":2: framework: 'next' is not a Vercel framework preset"
            + " (expected one of nextjs, vite, remix, astro, ... (see the vercel.json schema)); write \"framework\": \"nextjs\"",
        "error   UNKNOWN " + file + ":3: regoins: is not a vercel.json property; Vercel rejects the file; rename it to \"regions\" or remove it",
        "error   MALFORMED " + file + ":5: crons[0].path: 'api/cleanup' is not an absolute path (expected a path starting with /); write \"path\": \"/api/cleanup\"",
        "error   MALFORMED " + file + ":5: crons[0].schedule: 'daily' is not a cron expression"
            + " (expected five fields: minute hour day-of-month month day-of-week, e.g. \"0 5 * * *\"); write the schedule in UTC with five fields"));
    // The vendor schema agrees that this file is invalid.
    assertThat(JsonSchemas.validateJson(SCHEMA, Files.readString(file))).isNotEmpty();
  }

  @Test
  void warnsThatEnvInVercelJsonIsDeprecatedAndCommittedToTheRepository() {
    var problems = VercelConfig.parse("{\"env\": {\"A\": \"b\"}}", Origin.of("vercel.json")).validate();
    assertThat(problems.hasErrors()).isFalse();
    assertThat(problems.warnings()).extracting(Problem::code).containsExactly("DEPRECATED");
  }

  @Test
  void knowsExactlyTheTopLevelPropertiesAndFrameworksOfTheVendorSchema() {
    JsonNode schema = JsonMapper.builder().build().readTree(Specs.read(SCHEMA));
    List<String> keys = new ArrayList<>();
    schema.get("properties").propertyNames().forEach(keys::add);
    assertThat(VercelJsonRules.TOP_LEVEL_KEYS).containsExactlyInAnyOrderElementsOf(keys);
    List<String> frameworks = new ArrayList<>();
    schema.get("properties").get("framework").get("enum").forEach(n -> { if (!n.isNull()) frameworks.add(n.asString()); });
    assertThat(VercelJsonRules.FRAMEWORKS).containsExactlyInAnyOrderElementsOf(frameworks);
    assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
  }

  @Test
  void toStringNamesPropertiesButNoValues() {
    VercelConfig c = VercelConfig.builder().buildCommand("TOKEN=abc123 next build").other("rewrites", List.of(Map.of())).build();
    assertThat(c.toString()).isEqualTo("VercelConfig[buildCommand, rewrites]").doesNotContain("abc123");
  }
}
