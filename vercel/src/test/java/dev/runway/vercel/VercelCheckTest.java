package dev.runway.vercel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.base.Problems;
import dev.runway.base.RunwayException;
import dev.runway.testkit.JsonSchemas;
import dev.runway.testkit.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Vercel#check(Path)}: the rules that need no model, each at the line of its property. */
class VercelCheckTest {
  @TempDir Path dir;

  private Path write(String json) throws Exception {
    Path file = dir.resolve("vercel.json");
    Files.writeString(file, json);
    return file;
  }

  private Problems check(String json) throws Exception {
    return Vercel.check(write(json));
  }

  @Test
  void theBundledRulesAreTheVendorSchemasRules() throws Exception {
    var mapper = tools.jackson.databind.json.JsonMapper.shared();
    var vendor = mapper.readTree(Specs.read("vercel/vercel.json.schema.json"));
    try (var in = Vercel.class.getResourceAsStream("internal/vercel-json-rules.json")) {
      assertThat(mapper.readTree(in))
          .as("vercel-json-rules.json is VercelSchema.digest of the vendor's schema; regenerate it after a spec update")
          .isEqualTo(dev.runway.vercel.internal.VercelSchema.digest(vendor));
    }
  }

  @Test
  void aFileThatFollowsVercelsDocsHasNoProblems() throws Exception {
    assertThat(check("""
        {
          "$schema": "https://openapi.vercel.sh/vercel.json",
          "framework": "nextjs",
          "cleanUrls": true,
          "trailingSlash": false,
          "rewrites": [ { "source": "/api/(.*)", "destination": "https://api.example.com/$1" } ],
          "redirects": [ { "source": "/old", "destination": "/new", "permanent": true } ],
          "functions": { "api/*.js": { "maxDuration": 10, "memory": 1024 } },
          "images": { "sizes": [256, 640] },
          "git": { "deploymentEnabled": { "main": false } }
        }
        """).all()).isEmpty();
  }

  @Test
  void acceptsServicesAsVercelsDocsWriteThem() throws Exception {
    // vercel.com/docs/services/bindings, verbatim in shape.
    String json = """
        {
          "services": {
            "orders": {
              "root": "services/orders/",
              "framework": "express",
              "bindings": [ { "type": "service", "service": "inventory", "format": "url", "env": "INVENTORY_URL" } ]
            },
            "inventory": { "root": "services/inventory/", "framework": "fastapi", "entrypoint": "main:app" }
          },
          "rewrites": [{ "source": "/api/(.*)", "destination": { "service": "orders" } }]
        }
        """;
    assertThat(check(json).all()).isEmpty();
  }

  @Test
  void checksWhatServicesHoldAndWhatTheyName() throws Exception {
    Path file = write("""
        {
          "services": {
            "orders": {
              "root": "services/orders/",
              "buildComand": "npm run build",
              "bindings": [ { "type": "service", "service": "inventroy", "env": "INVENTORY_URL" } ]
            },
            "inventory": { "entrypoint": "main:app" }
          },
          "rewrites": [{ "source": "/api/(.*)", "destination": { "service": "order" } }]
        }
        """);
    assertThat(Vercel.check(file).toText()).isEqualTo(String.join("\n",
        "error   UNKNOWN " + file + ":5: services.orders.buildComand: is not a property Vercel knows here; Vercel rejects the file;"
            + " rename it to \"buildCommand\" or remove it",
        "error   UNKNOWN " + file + ":6: services.orders.bindings[0].service: names service 'inventroy', which services does not declare;"
            + " did you mean 'inventory'? (known: inventory, orders)",
        "error   MISSING " + file + ":8: services.inventory: needs \"root\"; Vercel rejects the file without it; add \"root\"",
        "error   UNKNOWN " + file + ":10: rewrites[0].destination.service: names service 'order', which services does not declare;"
            + " did you mean 'orders'? (known: inventory, orders)"));
  }

  @Test
  void unknownPropertiesAtAnyDepthGetADidYouMeanAtTheirOwnLine() throws Exception {
    Path file = write("""
        {
          "framework": "nextjs",
          "rewrites": [
            { "source": "/a", "destination": "/b" },
            {
              "source": "/api/(.*)",
              "destinaton": "https://api.example.com/$1"
            }
          ],
          "cleanUrl": true
        }
        """);
    assertThat(Vercel.check(file).toText()).isEqualTo(String.join("\n",
        "error   MISSING " + file + ":5: rewrites[1]: needs \"destination\"; Vercel rejects the file without it; add \"destination\"",
        "error   UNKNOWN " + file + ":7: rewrites[1].destinaton: is not a property Vercel knows here; Vercel rejects the file;"
            + " rename it to \"destination\" or remove it",
        "error   UNKNOWN " + file + ":10: cleanUrl: is not a vercel.json property; Vercel rejects the file; rename it to \"cleanUrls\" or remove it"));
    assertThat(JsonSchemas.validateJson("vercel/vercel.json.schema.json", Files.readString(file))).isNotEmpty();
  }

  @Test
  void typesAndLimitsComeFromTheVendorSchema() throws Exception {
    Path file = write("{\n  \"regions\": \"iad1\",\n  \"functions\": {\n    \"api/*.js\": { \"memory\": 64 }\n  },\n  \"buildCommand\": \""
        + "x".repeat(300) + "\"\n}\n");
    assertThat(Vercel.check(file).toText()).isEqualTo(String.join("\n",
        "error   MALFORMED " + file + ":2: regions: must be an array but is a string; write the value as Vercel's schema types it",
        "error   OUT_OF_RANGE " + file + ":4: functions[\"api/*.js\"].memory: is 64 (expected at least 128)",
        "error   OUT_OF_RANGE " + file + ":6: buildCommand: is 300 characters long (expected at most 256)"));
  }

  @Test
  void functionsMayRunThirtyMinutesAsVercelNowAllowsButNoLonger() throws Exception {
    assertThat(check("{\"functions\": {\"server.ts\": {\"maxDuration\": 1200}}}").all()).isEmpty();
    assertThat(check("{\"functions\": {\"server.ts\": {\"maxDuration\": 1801}}}").toText())
        .endsWith("functions[\"server.ts\"].maxDuration: is 1801 (expected at most 1800)");
  }

  @Test
  void aDemoValueUnderASecretLookingNameIsNoFinding() throws Exception {
    assertThat(check("{\"env\": {\"SESSION_SECRET\": \"foobar\"}}").all()).extracting(Problem::code)
        .containsExactly("DEPRECATED");
  }

  @Test
  void warnsForBuildsAndRoutesSayingWhatReplacesThem() throws Exception {
    Path file = write("""
        {
          "version": 2,
          "builds": [ { "src": "index.js", "use": "@vercel/node" } ],
          "routes": [ { "src": "/(.*)", "dest": "/index.js" } ]
        }
        """);
    Problems problems = Vercel.check(file);
    assertThat(problems.hasErrors()).isFalse();
    assertThat(problems.toText()).isEqualTo(String.join("\n",
        "warning DEPRECATED " + file + ":3: builds: is deprecated: while it is present, Vercel ignores the project's Build and"
            + " Development Settings; remove builds and let Vercel detect the framework; set framework, buildCommand and"
            + " outputDirectory for the build, and functions (runtime, memory, maxDuration per file glob) for Serverless Functions",
        "warning DEPRECATED " + file + ":4: routes: is deprecated; write rewrites, redirects and headers instead (and cleanUrls,"
            + " trailingSlash); see vercel.com/docs/project-configuration"));
  }

  @Test
  void refusesCombinationsVercelRejects() throws Exception {
    Path file = write("""
        {
          "builds": [ { "src": "index.js", "use": "@vercel/node" } ],
          "functions": { "api/*.js": { "maxDuration": 10 } },
          "routes": [ { "src": "/(.*)", "dest": "/index.js" } ],
          "rewrites": [ { "source": "/a", "destination": "/b" } ]
        }
        """);
    assertThat(Vercel.check(file).errors()).extracting(Problem::text).containsExactly(
        file + ":3: functions: cannot be used together with builds; Vercel rejects the file;"
            + " remove builds (functions replaces it), or move the settings into builds[].config",
        file + ":4: routes: cannot be used together with rewrites; Vercel rejects the file;"
            + " move what routes does into rewrites and remove routes");
  }

  @Test
  void aCredentialInEnvIsAnErrorAndASecretLookingNameAWarningNeverShowingTheValue() throws Exception {
    String key = "sk-proj-" + "A1b2C3d4E5f6G7h8I9j0K1l2";
    Path file = write("{\n  \"env\": {\n    \"OPENAI_API_KEY\": \"" + key + "\",\n    \"DB_PASSWORD\": \"hunter2hunter2\",\n"
        + "    \"NEXT_PUBLIC_SITE_URL\": \"https://example.com\",\n    \"API_TOKEN\": \"@api-token\"\n  },\n"
        + "  \"build\": { \"env\": { \"NEXT_PUBLIC_SUPABASE_ANON_KEY\": \"public-anon-key-value\" } }\n}\n");
    Problems problems = Vercel.check(file);
    assertThat(problems.toText()).isEqualTo(String.join("\n",
        "warning DEPRECATED " + file + ":2: env: is deprecated by Vercel, and its values are committed with the repository;"
            + " set them as project environment variables instead (runway sync, or vercel env add NAME) and remove env",
        "error   LEAK " + file + ":3: env.OPENAI_API_KEY: holds an OpenAI API key (sk-... or sk-proj-...), committed with the"
            + " repository in vercel.json; revoke it and create a new one; set it as a project environment variable"
            + " (vercel env add OPENAI_API_KEY, or runway sync) and remove it from vercel.json",
        "warning LEAK " + file + ":4: env.DB_PASSWORD: is named like a secret, and its value is committed with the repository"
            + " in vercel.json; if it is a secret, rotate it and set it as a project environment variable"
            + " (vercel env add DB_PASSWORD, or runway sync) and remove it from vercel.json",
        "warning DEPRECATED " + file + ":8: build.env: is deprecated by Vercel, and its values are committed with the repository;"
            + " set them as project environment variables instead (runway sync, or vercel env add NAME) and remove build.env"));
    assertThat(problems.toText() + problems.toJson()).doesNotContain(key).doesNotContain("hunter2");
  }

  @Test
  void aSyntaxErrorIsOneProblemAtFileLineColumnInPlainWords() throws Exception {
    Path file = write("{\n  \"framework\": \"nextjs\",\n  \"regions\": [\"iad1\",]\n}\n");
    Problems problems = Vercel.check(file);
    assertThat(problems.toText()).isEqualTo("error   MALFORMED " + file + ":3:22: syntax: ']' where a value should be"
        + " (a trailing comma before it?); remove the comma before ']'");
    assertThat(check("{\n  \"a\": 1\n  \"b\": 2\n}").toText()).doesNotContain("code").contains(":3:").contains("','");
    assertThat(check("{ // comment\n}").toText()).contains("JSON allows no comments");
    assertThat(check("{\"buildCommand\": \"TOKEN=abc\ndef\"}").toText()).doesNotContain("abc").contains("line break");
  }

  @Test
  void aMissingFileFailsWithOneClearMessage() {
    Path missing = dir.resolve("nope/vercel.json");
    assertThatThrownBy(() -> Vercel.check(missing))
        .isInstanceOf(RunwayException.IoFailed.class)
        .hasMessage(missing + ": no such file; name the vercel.json with --file, or write one with `runway vercel generate`");
  }

  @Test
  void everyFindingInABadFileNamesALineOfThatFile() throws Exception {
    Problems problems = check("""
        {
          "framework": "next",
          "regoins": ["iad1"],
          "crons": [ { "path": "api/x", "schedule": "daily" } ],
          "headers": [ { "source": "/(.*)", "headers": [ { "key": "A" } ] } ],
          "env": { "X_SECRET": "abcdefghijkl" }
        }
        """);
    assertThat(problems.all()).hasSizeGreaterThan(5)
        .allSatisfy(p -> assertThat(p.origin().map(Origin::line).orElse(0)).as(p.text()).isGreaterThan(1));
  }

  @Test
  void aRouteSourceThatPathToRegexpRefusesIsAnErrorAtItsLine() throws Exception {
    Path file = write("""
        {
          "redirects": [ { "source": "/(a", "destination": "/b" } ],
          "rewrites": [
            { "source": "/blog*", "destination": "/b" },
            { "source": "/api/:", "destination": "/b" },
            { "source": "/x/((a|b))", "destination": "/b" }
          ],
          "headers": [ { "source": "/{a", "headers": [ { "key": "X", "value": "y" } ] } ]
        }
        """);
    assertThat(Vercel.check(file).toText()).isEqualTo(String.join("\n",
        "error   MALFORMED " + file + ":2: redirects[0].source: '/(a' is not a path pattern Vercel reads: the '(' at"
            + " character 2 is never closed; Vercel rejects the file; close it with ')', or escape it to match it"
            + " literally (\\\\( in the JSON string)",
        "error   MALFORMED " + file + ":4: rewrites[0].source: '/blog*' is not a path pattern Vercel reads: the '*' at"
            + " character 6 follows no parameter or pattern; Vercel rejects the file; write :path* for any number of"
            + " segments or (.*) for any text, or escape it to match it literally (\\\\* in the JSON string)",
        "error   MALFORMED " + file + ":5: rewrites[1].source: '/api/:' is not a path pattern Vercel reads: the ':' at"
            + " character 6 is not followed by a parameter name; Vercel rejects the file; name the parameter"
            + " (:slug, :path*), or escape it to match it literally (\\\\: in the JSON string)",
        "error   MALFORMED " + file + ":6: rewrites[2].source: '/x/((a|b))' is not a path pattern Vercel reads: the"
            + " pattern at character 4 holds a capturing group (at character 5); Vercel rejects the file; make the"
            + " inner group non-capturing: (?:...)",
        "error   MALFORMED " + file + ":8: headers[0].source: '/{a' is not a path pattern Vercel reads: the '{' at"
            + " character 2 is never closed; Vercel rejects the file; close it with '}', or escape it to match it"
            + " literally (\\\\{ in the JSON string)"));
  }

  @Test
  void routeSourcesAsVercelsDocsAndRealFilesWriteThemPass() throws Exception {
    for (String source : java.util.List.of("/", "/(.*)", "/api/(.*)", "/svc/api/:path*", "/blog/:slug", "/:path+",
        "/:file*.(css|js|png)", "/(Virgil|Cascadia).woff2", "/user/:id(\\\\d+)", "/a{-:b}?", "/old\\\\(1\\\\)",
        "/x/:y?", "/docs/:path((?!internal).*)")) {
      assertThat(check("{\"rewrites\": [{\"source\": \"" + source + "\", \"destination\": \"/b\"}]}").all())
          .as(source).isEmpty();
    }
  }

  @Test
  void aCronScheduleWithAFieldOutOfRangeOrANameIsAnErrorAtItsLine() throws Exception {
    Path file = write("""
        {
          "crons": [
            { "path": "/api/a", "schedule": "0 24 * * *" },
            { "path": "/api/b", "schedule": "0 5 * * MON" },
            { "path": "/api/c", "schedule": "*/0 * * * *" },
            { "path": "/api/d", "schedule": "0 5 L * *" },
            { "path": "/api/e", "schedule": "0 5 10-2 * *" }
          ]
        }
        """);
    assertThat(Vercel.check(file).toText()).isEqualTo(String.join("\n",
        "error   MALFORMED " + file + ":3: crons[0].schedule: is not a cron expression Vercel accepts: its hour field"
            + " '24' holds 24, outside 0-23; write the hour as *, a number from 0 to 23, a range (1-5), a step (*/15)"
            + " or a list (1,15)",
        "error   MALFORMED " + file + ":4: crons[1].schedule: is not a cron expression Vercel accepts: its day of week"
            + " field 'MON' uses a name or letter; Vercel takes numbers only; write the day of week as *, a number from"
            + " 0 to 7, a range (1-5), a step (*/15) or a list (1,15)",
        "error   MALFORMED " + file + ":5: crons[2].schedule: is not a cron expression Vercel accepts: its minute field"
            + " '*/0' has a step that is not a whole number from 1; write the minute as *, a number from 0 to 59, a"
            + " range (1-5), a step (*/15) or a list (1,15)",
        "error   MALFORMED " + file + ":6: crons[3].schedule: is not a cron expression Vercel accepts: its day of month"
            + " field 'L' uses a name or letter; Vercel takes numbers only; write the day of month as *, a number from"
            + " 1 to 31, a range (1-5), a step (*/15) or a list (1,15)",
        "error   MALFORMED " + file + ":7: crons[4].schedule: is not a cron expression Vercel accepts: its day of month"
            + " field '10-2' has a range that runs backwards; write the day of month as *, a number from 1 to 31, a"
            + " range (1-5), a step (*/15) or a list (1,15)"));
  }

  @Test
  void cronSchedulesAsVercelsDocsWriteThemPass() throws Exception {
    for (String schedule : java.util.List.of("* * * * *", "*/10 * * * *", "0 */12 * * *", "0 0 * * 0", "0 0 1 * *",
        "30 03 * * *", "0 9 * * 1-5", "0,30 8-18/2 1,15 1-12 0-7", "5 4 * * 7")) {
      assertThat(check("{\"crons\": [{\"path\": \"/api/c\", \"schedule\": \"" + schedule + "\"}]}").all())
          .as(schedule).isEmpty();
    }
  }

  @Test
  void aFindingFromReadingTheFileSaysItsPlaceOnce() {
    RunwayException.ParseFailed e = assertThrows(RunwayException.ParseFailed.class,
        () -> VercelConfig.parse("{\n  \"framework\": \"nextjs\",\n  \"regions\": \"iad1\"\n}\n", Origin.file(Path.of("vercel.json"))));
    // was "vercel.json:3: vercel.json: vercel.json:3: regions: ..."
    assertThat(dev.runway.vercel.internal.JsonText.problem(e, Origin.file(Path.of("vercel.json"))).text())
        .isEqualTo("vercel.json:3: regions: must be an array but is a string; write [ ... ]");
  }

  @Test
  void aFileThatIsNotUtf8FailsSayingSoInWords() throws Exception {
    Path file = dir.resolve("vercel.json");
    Files.write(file, new byte[] {(byte) 0xFF, (byte) 0xFE, '{', 0, '}', 0});
    assertThatThrownBy(() -> Vercel.check(file)).isInstanceOf(RunwayException.ParseFailed.class)
        .hasMessage(file + ":1: vercel.json is not UTF-8 text (UTF-16 with a BOM?); save it as UTF-8");
    Files.write(file, "{\"framework\": \"caf\u00e9\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> Vercel.check(file))
        .hasMessage(file + ":1: vercel.json is not UTF-8 text (byte 19 is not valid UTF-8); save it as UTF-8");
    Files.write(file, new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, (byte) 0xC3, 0x28});
    assertThatThrownBy(() -> Vercel.check(file))
        .hasMessage(file + ":1: vercel.json is not UTF-8 text (byte 9 is not valid UTF-8); save it as UTF-8");
  }
}
