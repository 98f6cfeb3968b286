package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.base.Origin;
import dev.runway.base.Problems;
import dev.runway.base.RunwayException;
import dev.runway.env.EnvSchema;
import dev.runway.env.EnvSources;
import dev.runway.env.Environment;
import dev.runway.env.KeyFormat;
import dev.runway.env.Validation;
import dev.runway.env.Var;
import dev.runway.monitor.MonitorConfig;
import dev.runway.render.Render;
import dev.runway.render.RenderBlueprint;
import dev.runway.vercel.Vercel;
import dev.runway.vercel.VercelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A key pasted where a key does not belong is never repeated by a message: keys generated in every
 * built-in shape ({@link KeyFormat#builtIn()}) are planted in every field of every input the
 * quoting error paths read — a value of each variable type, a render.yaml service's name, type,
 * plan, region and env var key, value and references, a vercel.json's framework, regions and
 * commands, a runway.conf monitor's URL, method and settings — and no rendering (text, JSON,
 * exception message) holds one. A monitor URL's password is planted too.
 */
class PlantedKeyProperties {
  private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  enum Shape { OPENAI, OPENAI_PROJECT, ANTHROPIC, LLAMACLOUD, JWT, SUPABASE_SECRET, SUPABASE_PUBLISHABLE,
    SUPABASE_TOKEN, RENDER, VERCEL, GITHUB, GITHUB_PAT, STRIPE, AWS }

  /** A key of one built-in shape, random where the shape is; at least 12 random characters. */
  @Provide
  Arbitrary<String> keys() {
    Arbitrary<String> body = Arbitraries.strings().withChars(ALNUM).ofLength(40)
        .filter(s -> s.chars().distinct().count() >= 12);
    return Combinators.combine(Arbitraries.of(Shape.class), body, Arbitraries.integers().between(20, 40))
        .as((shape, b, n) -> switch (shape) {
          case OPENAI -> "sk-" + b.substring(0, n);
          case OPENAI_PROJECT -> "sk-proj-" + b.substring(0, n / 2) + "-" + b.substring(n / 2, n) + "_" + b;
          case ANTHROPIC -> "sk-ant-api03-" + b.substring(0, n);
          case LLAMACLOUD -> "llx-" + b.substring(0, n);
          case JWT -> "eyJ" + b.substring(0, 12) + ".eyJ" + b.substring(12, 30) + "." + b.substring(30);
          case SUPABASE_SECRET -> "sb_secret_" + b.substring(0, n);
          case SUPABASE_PUBLISHABLE -> "sb_publishable_" + b.substring(0, n);
          case SUPABASE_TOKEN -> "sbp_" + b.substring(0, n);
          case RENDER -> "rnd_" + b.substring(0, n);
          case VERCEL -> b.substring(0, 24);
          case GITHUB -> "ghp_" + b.substring(0, 36);
          case GITHUB_PAT -> "github_pat_" + b.substring(0, 22) + "_" + b.substring(22);
          case STRIPE -> "sk_live_" + b.substring(0, n);
          case AWS -> "AKIA" + b.substring(0, 16).toUpperCase(java.util.Locale.ROOT);
        })
        .filter(k -> KeyFormat.builtIn().stream().anyMatch(f -> f.matches(k)));
  }

  @Provide
  Arbitrary<String> passwords() {
    return Arbitraries.strings().withChars(ALNUM + "-._~!$&*+=@/").ofMinLength(10).ofMaxLength(30)
        .filter(s -> s.chars().distinct().count() >= 8 && Character.isLetterOrDigit(s.charAt(s.length() - 1)));
  }

  // A fixed seed keeps CI deterministic; to explore further, run it with another seed (jqwik.seed) and fix what it finds.
  @Property(tries = 150, seed = "4242424242")
  void aPlantedKeyNeverAppearsInAMessage(@ForAll("keys") String key, @ForAll("passwords") String password)
      throws IOException {
    List<String> renderings = new ArrayList<>();
    variables(key, renderings);
    Path dir = Files.createTempDirectory("planted");
    try {
      renderYaml(dir, key, renderings);
      vercelJson(dir, key, renderings);
      monitor(dir, key, password, renderings);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    assertThat(renderings).hasSizeGreaterThan(20);
    String tail = key.substring(key.length() - 12);
    for (String r : renderings) {
      assertThat(r).as("a rendering").doesNotContain(key).doesNotContain(tail);
      assertThat(r).as("a rendering").doesNotContain(password);
    }
  }

  enum Tier { FREE, STARTER }

  /** A key as the value of a variable of each type, whatever its sensitivity. */
  private static void variables(String key, List<String> out) {
    List<Var<?>> vars = List.of(
        Var.port("PORT"), Var.integer("WORKERS"), Var.longInteger("MAX_BYTES"), Var.decimal("RATIO"),
        Var.bool("DEBUG"), Var.duration("TIMEOUT"), Var.oneOf("MODE", "fast", "slow"),
        Var.enumeration("TIER", Tier.class), Var.url("API_URL"), Var.uri("CONTACT"), Var.host("DB_HOST"),
        Var.email("OPS_EMAIL"), Var.json("FLAGS"), Var.string("REGION").pattern("[a-z]+-[0-9]"),
        Var.string("LABEL").length(1, 8), Var.list("HOSTS"), Var.string("OWN_KEY").format(KeyFormat.RENDER_API_KEY));
    Map<String, String> file = new LinkedHashMap<>();
    for (Var<?> v : vars) file.put(v.name(), key);
    file.put("EMBEDDED_" + vars.size(), "prefix " + key + " suffix");
    file.put(key, "a key as a variable name");
    Validation v = EnvSchema.of(vars).validate(Environment.PRODUCTION,
        EnvSources.of(EnvSources.map(file, Origin.of(".env"), true)));
    assertThat(v.isValid()).isFalse();
    collect(v.problems(), out);
    out.add(v.toText());
    out.add(v.toJson());
    catching(v::orThrow, out);
  }

  private static void renderYaml(Path dir, String key, List<String> out) throws IOException {
    String q = "\"" + key + "\"";
    String yaml = """
        services:
          - type: web
            name: %1$s
            runtime: %1$s
            plan: %1$s
            region: %1$s
            startCommand: %1$s
            healthCheckPath: %1$s
            envVars:
              - key: %1$s
                value: "1"
              - key: PLAIN
                value: %1$s
              - key: %1$s
                fromGroup: %1$s
              - key: DB
                fromDatabase: { name: %1$s, property: %1$s }
              - key: OTHER
                fromService: { name: %1$s, type: %1$s, property: host }
              - fromGroup: %1$s
          - type: %1$s
            name: second
        databases:
          - name: %1$s
            plan: %1$s
        envVarGroups:
          - name: %1$s
            envVars:
              - key: %1$s
                value: %1$s
        %1$s: %1$s
        """.formatted(q);
    Path file = dir.resolve("render.yaml");
    Files.writeString(file, yaml);
    collect(Render.check(file), out);
    catching(() -> RenderBlueprint.parse(yaml), out);
  }

  private static void vercelJson(Path dir, String key, List<String> out) throws IOException {
    String q = "\"" + key + "\"";
    String json = """
        { "framework": %1$s, "regions": [%1$s], "functionFailoverRegions": [%1$s],
          "buildCommand": %1$s, "installCommand": %1$s, "devCommand": %1$s, "ignoreCommand": %1$s,
          "outputDirectory": %1$s, "cleanUrls": %1$s, "trailingSlash": %1$s, %1$s: %1$s,
          "crons": [{ "path": %1$s, "schedule": %1$s }], "env": { %1$s: %1$s } }
        """.formatted(q);
    Path file = dir.resolve("vercel.json");
    Files.writeString(file, json);
    collect(Vercel.check(file), out);
    catching(() -> VercelConfig.parse(json, Origin.of("vercel.json")).validate(), out);
  }

  private static void monitor(Path dir, String key, String password, List<String> out) throws IOException {
    String conf = """
        monitor {
          history = "%1$s"
          status-page { out = "s.html", title = "%1$s", publish = "%1$s" }
          notify { slack = 3, "%1$s" = "x" }
          "%1$s" = 1
          endpoints {
            ftp { url = "ftp://mon:%2$s@ftp.example.com/health" }
            key { url = "%1$s" }
            query { url = "https://api.example.com/health?token=%1$s", method = "%1$s", timeout = "%1$s" }
            "%1$s" { url = "https://mon:%2$s@api.example.com/", public-url = "ftp://mon:%2$s@x.example.com" }
          }
        }
        """.formatted(key, password.replace("\\", "").replace("\"", ""));
    Path file = dir.resolve("runway.conf");
    Files.writeString(file, conf);
    catching(() -> MonitorConfig.load(file), out);
  }

  private static void collect(Problems problems, List<String> out) {
    out.add(problems.toText());
    out.add(problems.toJson());
    problems.all().forEach(p -> out.add(p.toString()));
  }

  private static void catching(Supplier<?> call, List<String> out) {
    try {
      out.add(String.valueOf(call.get()));
    } catch (RunwayException e) {
      out.add(String.valueOf(e.getMessage()));
      out.add(e.toString());
      if (e instanceof RunwayException.ValidationFailed v) collect(v.problems(), out);
    } catch (RuntimeException e) {
      out.add(String.valueOf(e.getMessage()));
    }
  }
}
