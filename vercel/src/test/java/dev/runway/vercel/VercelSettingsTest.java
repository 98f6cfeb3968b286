package dev.runway.vercel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.App;
import dev.runway.Runway;
import dev.runway.Service;
import dev.runway.base.Origin;
import dev.runway.base.Problems;
import dev.runway.base.RunwayException;
import dev.runway.testkit.JsonSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every vercel.json property as a kebab-case setting of a Vercel service; drift and dropped fields. */
class VercelSettingsTest {
  @TempDir Path dir;

  private static final String WEB = """
      services.web {
        platform = vercel
        framework = nextjs
        root-directory = frontend
        clean-urls = true
        trailing-slash = false
        output-directory = dist
        build-command = "next build"
        install-command = "npm ci"
        regions = [iad1]
        rewrites = [ { source = "/api/(.*)", destination = "https://api.example.com/$1" } ]
        redirects = [ { source = "/old", destination = "/new", permanent = true } ]
        headers = [ { source = "/(.*)", headers = [ { key = X-Frame-Options, value = DENY } ] } ]
        crons = [ { path = /api/cleanup, schedule = "0 5 * * *" } ]
        functions { "api/**/*.ts" { max-duration = 30, memory = 1024, include-files = "data/**" } }
        images { sizes = [256, 640], remote-patterns = [ { hostname = "cdn.example.com" } ] }
        git { deployment-enabled { "feature-x" = false } }
      }
      """;

  private static App app(String services) {
    return Runway.parse("app = acme\n" + services, "runway.conf");
  }

  @Test
  void everyKebabCaseSettingBecomesItsVercelJsonPropertyAndUserKeysStayVerbatim() {
    VercelConfig c = Vercel.config(app(WEB), "web");
    String json = c.toJson();
    assertThat(json).contains("\"cleanUrls\" : true", "\"trailingSlash\" : false", "\"outputDirectory\" : \"dist\"",
        "\"installCommand\" : \"npm ci\"", "\"maxDuration\" : 30", "\"includeFiles\" : \"data/**\"", "\"api/**/*.ts\"",
        "\"remotePatterns\"", "\"deploymentEnabled\"", "\"feature-x\" : false", "\"X-Frame-Options\"", "\"permanent\" : true")
        .doesNotContain("root-directory", "frontend", "max-duration");
    assertThat(JsonSchemas.validateJson("vercel/vercel.json.schema.json", json)).isEmpty();
    assertThat(c.validate().all()).isEmpty();
  }

  @Test
  void aFileGeneratedFromItsModelShowsNoDriftAndDropsNothing() throws Exception {
    App app = app(WEB);
    Path file = dir.resolve("vercel.json");
    Vercel.config(app).writeTo(file);
    assertThat(Vercel.check(app, file).all()).isEmpty();
    assertThat(Vercel.dropped(Vercel.config(app), VercelConfig.read(file)).all()).isEmpty();
  }

  @Test
  void aDifferenceIsReportedAtTheLineOfTheFirstPlaceItDiffers() throws Exception {
    App app = app(WEB);
    Path file = dir.resolve("vercel.json");
    Vercel.config(app).writeTo(file);
    String text = Files.readString(file).replace("https://api.example.com/$1", "https://api2.example.com/$1")
        .replace("\"maxDuration\" : 30", "\"maxDuration\" : 60");
    Files.writeString(file, text);
    List<String> lines = List.of(text.split("\n"));
    int rewrite = lines.indexOf(lines.stream().filter(l -> l.contains("api2.example.com")).findFirst().orElseThrow()) + 1;
    int duration = lines.indexOf(lines.stream().filter(l -> l.contains("\"maxDuration\" : 60")).findFirst().orElseThrow()) + 1;
    assertThat(Vercel.check(app, file).toText()).isEqualTo(String.join("\n",
        "error   CONFLICT " + file + ":" + rewrite + ": rewrites[0].destination: is 'https://api2.example.com/$1' in vercel.json,"
            + " but runway.conf (services.web.rewrites) gives 'https://api.example.com/$1'; regenerate vercel.json from the"
            + " model (`runway vercel generate`, or Vercel.config(app).writeTo(file) in Java), or change services.web.rewrites"
            + " in runway.conf",
        "error   CONFLICT " + file + ":" + duration + ": functions[\"api/**/*.ts\"].maxDuration: is 60 in vercel.json, but"
            + " runway.conf (services.web.functions) gives 30; regenerate vercel.json from the model (`runway vercel"
            + " generate`, or Vercel.config(app).writeTo(file) in Java), or change services.web.functions in runway.conf"));
  }

  @Test
  void whatTheModelDoesNotExpressIsListedWithTheSettingThatKeepsItAndNoFixDropsIt() throws Exception {
    App app = app("services.web { platform = vercel, framework = vite }");
    Path file = dir.resolve("vercel.json");
    Files.writeString(file, """
        {
          "framework": "nextjs",
          "cleanUrls": true,
          "env": { "API_SECRET": "s3cr3t-value-here" }
        }
        """);
    Problems dropped = Vercel.dropped(Vercel.config(app), VercelConfig.read(file));
    assertThat(dropped.toText()).isEqualTo(String.join("\n",
        "error   CONFLICT " + file + ":3: cleanUrls: is in vercel.json but not in runway.conf; `runway vercel generate` would"
            + " drop it; keep it by adding clean-urls = true to services.web in runway.conf",
        "error   CONFLICT " + file + ":4: env: is in vercel.json but not in runway.conf; `runway vercel generate` would drop it;"
            + " keep it by adding env { ... } to services.web in runway.conf"));
    Problems drift = Vercel.check(app, file);
    assertThat(drift.toText()).contains(file + ":2: framework: is 'nextjs' in vercel.json, but runway.conf"
        + " (services.web.framework) gives 'vite'; change services.web.framework in runway.conf, or edit vercel.json to match"
        + " (`runway vercel generate` would also drop cleanUrls, env)")
        .doesNotContain("s3cr3t");
  }

  @Test
  void settingsOfAFileGenerateTheSameFile() throws Exception {
    Path file = dir.resolve("vercel.json");
    Files.writeString(file, """
        {
          "$schema": "https://openapi.vercel.sh/vercel.json",
          "buildCommand": "npm run build",
          "outputDirectory": "dist",
          "cleanUrls": true,
          "functions": { "api/*.py": { "maxDuration": 10, "excludeFiles": "tests/**" } },
          "headers": [ { "source": "/(.*)", "has": [ { "type": "header", "key": "x-a" } ],
                         "headers": [ { "key": "Cache-Control", "value": "no-store" } ] } ],
          "rewrites": [ { "source": "/(.*)", "destination": "/index.html" } ],
          "env": { "NODE_ENV": "production" }
        }
        """);
    VercelConfig read = VercelConfig.read(file);
    Map<String, Object> settings = Vercel.settings(read);
    assertThat(settings).containsKeys("build-command", "output-directory", "clean-urls", "functions", "headers", "env")
        .doesNotContainKey("$schema");
    assertThat(settings.get("functions")).isEqualTo(Map.of("api/*.py", Map.of("max-duration", 10, "exclude-files", "tests/**")));
    App app = App.of("x", dev.runway.env.EnvSchema.of(), Service.of("web", "vercel", settings));
    VercelConfig back = Vercel.config(app, "web");
    assertThat(back).isEqualTo(read);
    assertThat(Vercel.drift(back, read).all()).isEmpty();
  }

  @Test
  void anUnknownSettingInRunwayConfIsReportedWithADidYouMean() {
    assertThatThrownBy(() -> app("services.web { platform = vercel, clean-url = true }"))
        .isInstanceOf(RunwayException.ModelInvalid.class)
        .hasMessageContaining("services.web.clean-url: is not a vercel setting; did you mean clean-urls?");
    assertThatThrownBy(() -> Vercel.config(App.of("x", dev.runway.env.EnvSchema.of(),
            Service.of("web", "vercel", Map.of("outputDirectry", "dist")))))
        .isInstanceOf(RunwayException.ModelInvalid.class)
        .hasMessageStartingWith("services.web.outputDirectry: is not a vercel setting; did you mean output-directory?");
  }

  @Test
  void theOlderShorthandsKeepTheirMeaning() {
    VercelConfig c = Vercel.config(app("""
        services.web { platform = vercel, region = fra1, headers { "/(.*)" { X-Frame-Options = DENY } } }
        """));
    assertThat(c.regions()).containsExactly("fra1");
    assertThat(c.headers()).containsExactly(new VercelConfig.HeaderRule("/(.*)", List.of(new VercelConfig.Header("X-Frame-Options", "DENY"))));
  }

  @Test
  void aSettingInTheWrongFormNamesTheSetting() {
    assertThatThrownBy(() -> Vercel.config(app("services.web { platform = vercel, regions = iad1 }")))
        .isInstanceOf(RunwayException.ModelInvalid.class)
        .hasMessage("runway.conf:2: services.web: regions: must be an array but is a string; write [ ... ]");
  }

  @Test
  void theExamplesLoad() throws Exception {
    for (Path conf : List.of(Path.of("../examples/acme/runway.conf"))) {
      App app = Runway.load(conf);
      assertThat(Vercel.config(app).framework()).contains("nextjs");
    }
    assertThat(Origin.of("x")).isNotNull();
  }
}
