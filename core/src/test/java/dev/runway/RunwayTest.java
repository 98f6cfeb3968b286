package dev.runway;

import dev.runway.base.Problem;
import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import static dev.runway.env.Environment.DEVELOPMENT;
import static dev.runway.env.Environment.PREVIEW;
import static dev.runway.env.Environment.PRODUCTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.runway.env.EnvSchema;
import dev.runway.env.EnvSources;
import dev.runway.env.Environment;
import dev.runway.env.KeyFormat;
import dev.runway.env.Rules;
import dev.runway.base.Secret;
import dev.runway.env.Sensitivity;
import dev.runway.env.Var;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RunwayTest {
  private static final String HEADER = """
      app = t
      services {
        api { platform = render }
        web { platform = vercel }
      }
      """;

  private static Var<?> declared(String attributes) {
    App app = Runway.parse(HEADER + "variables { X { " + attributes + " } }\n", "runway.conf");
    return app.schema().variable("X").orElseThrow();
  }

  static Stream<Arguments> attributes() {
    return Stream.of(
        arguments("", Var.string("X")),
        arguments("type = string", Var.string("X")),
        arguments("type = integer", Var.integer("X")),
        arguments("type = long", Var.longInteger("X")),
        arguments("type = boolean", Var.bool("X")),
        arguments("type = decimal", Var.decimal("X")),
        arguments("type = duration", Var.duration("X")),
        arguments("type = port", Var.port("X")),
        arguments("type = url", Var.url("X")),
        arguments("type = uri", Var.uri("X")),
        arguments("type = host", Var.host("X")),
        arguments("type = email", Var.email("X")),
        arguments("type = json", Var.json("X")),
        arguments("type = postgres-url", Var.postgresUrl("X")),
        arguments("type = secret", Var.secret("X")),
        arguments("type = enum, values = [debug, info]", Var.oneOf("X", "debug", "info")),
        arguments("type = list", Var.list("X")),
        arguments("type = list, separator = \";\"", Var.list("X", ";")),
        arguments("description = \"What X is for\"", Var.string("X").description("What X is for")),
        arguments("sensitivity = public", Var.string("X").sensitivity(Sensitivity.PUBLIC)),
        arguments("sensitivity = SECRET", Var.string("X").sensitivity(Sensitivity.SECRET)),
        arguments("targets = [api, web]", Var.string("X").targets("web", "api")),
        arguments("targets = api", Var.string("X").targets("api")),
        arguments("required = false", Var.string("X").optional()),
        arguments("required = true", Var.string("X").required()),
        arguments("required-in = [preview, production]", Var.string("X").requiredIn(PREVIEW, PRODUCTION)),
        arguments("forbidden-in = [production]", Var.string("X").forbiddenIn(PRODUCTION)),
        arguments("type = port, default = 10000", Var.port("X").defaultValue(10000)),
        arguments("type = duration, default = 30s", Var.duration("X").defaultValue(Duration.ofSeconds(30))),
        arguments("type = boolean, default = false", Var.bool("X").defaultValue(false)),
        arguments("type = decimal, default = 0.25", Var.decimal("X").defaultValue(new BigDecimal("0.25"))),
        arguments("type = secret, default = \"EXAMPLE\"", Var.secret("X").defaultValue(Secret.of("EXAMPLE"))),
        arguments("type = list, default = \"a, b\"", Var.list("X").defaultValue(List.of("a", "b"))),
        arguments("type = list, default = [a, b]", Var.list("X").defaultValue(List.of("a", "b"))),
        arguments("type = list, separator = \";\", default = [a, \"b,c\"]",
            Var.list("X", ";").defaultValue(List.of("a", "b,c"))),
        arguments("type = enum, values = [debug, info], default = info, defaults { development = debug }",
            Var.oneOf("X", "debug", "info").defaultValue("info").defaultIn(DEVELOPMENT, "debug")),
        arguments("type = integer, defaults { production = 4, preview = 2 }",
            Var.integer("X").defaultIn(PREVIEW, 2).defaultIn(PRODUCTION, 4)),
        arguments("type = secret, format = openai", Var.secret("X").format(KeyFormat.OPENAI)),
        arguments("format = jwt", Var.string("X").format(KeyFormat.JWT)),
        arguments("pattern = \"[a-z]+\"", Var.string("X").pattern("[a-z]+")),
        arguments("type = integer, min = 1", Var.integer("X").min(1)),
        arguments("type = integer, max = 100", Var.integer("X").max(100)),
        arguments("type = integer, min = 1, max = 100", Var.integer("X").range(1, 100)),
        arguments("type = decimal, min = 0.5", Var.decimal("X").min(0.5)),
        arguments("min-length = 32", Var.string("X").minLength(32)),
        arguments("max-length = 8", Var.string("X").length(0, 8)),
        arguments("min-length = 2, max-length = 8", Var.string("X").length(2, 8)),
        arguments("type = url, schemes = [https, wss]", Var.url("X").schemes("https", "wss")),
        arguments("type = url, https-in = [production]", Var.url("X").httpsIn(PRODUCTION)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attributes")
  void everyAttributeMapsToTheJavaDeclaration(String attributes, Var<?> expected) {
    assertThat(declared(attributes)).isEqualTo(expected);
  }

  @Test
  void attributeEqualityIsNotVacuous() {
    assertThat(declared("type = port, default = 10000")).isNotEqualTo(Var.port("X").defaultValue(10001));
    assertThat(declared("type = integer, min = 1")).isNotEqualTo(Var.integer("X").min(2));
    assertThat(declared("required-in = [production]")).isNotEqualTo(Var.string("X").requiredIn(PREVIEW));
    assertThat(declared("type = list, separator = \";\"")).isNotEqualTo(Var.list("X"));
  }

  @Test
  void aWholeModelEqualsItsJavaDeclaration() {
    App fromHocon = Runway.parse("""
        app = shop
        environments = [development, staging, production]
        services {
          api { platform = render, plan = free, runtime = docker, health-check-path = /api/health, max-instances = 2 }
          web { platform = vercel, framework = nextjs }
        }
        variables {
          PORT { type = port, default = 10000, targets = [api] }
          SENTRY_DSN { type = url, required = false }
          SENTRY_ENVIRONMENT { required = false }
        }
        rules = [
          { rule = no-localhost, in = [production, staging] }
          { rule = https-only, in = production }
          { rule = requires, variable = SENTRY_DSN, requires = [SENTRY_ENVIRONMENT] }
        ]
        """, "runway.conf");
    Environment staging = Environment.named("staging");
    Var<?> dsn = Var.url("SENTRY_DSN").optional();
    Var<?> sentryEnv = Var.string("SENTRY_ENVIRONMENT").optional();
    EnvSchema schema = EnvSchema.of(Var.port("PORT").defaultValue(10000).targets("api"), dsn, sentryEnv)
        .environments(DEVELOPMENT, staging, PRODUCTION)
        .rule(Rules.noLocalhostIn(PRODUCTION, staging))
        .rule(Rules.httpsOnlyIn(PRODUCTION))
        .rule(Rules.requires(dsn, sentryEnv));
    App fromJava = App.of("shop", schema,
        Service.of("api", "render", Map.of("plan", "free", "runtime", "docker", "health-check-path", "/api/health",
            "max-instances", 2L)),
        Service.of("web", "vercel", Map.of("framework", "nextjs")));
    assertThat(fromHocon.schema().environments()).containsExactly(DEVELOPMENT, staging, PRODUCTION);
    assertThat(fromHocon.schema().rules()).containsExactlyElementsOf(schema.rules());
    assertThat(fromHocon.services()).containsExactlyElementsOf(fromJava.services());
    assertThat(fromHocon).isEqualTo(fromJava);
    assertThat(fromHocon.name()).isEqualTo("shop");
  }

  @Test
  void appMayBeAnObjectWithAName() {
    assertThat(Runway.parse("app { name = shop }", "runway.conf").name()).isEqualTo("shop");
  }

  @Test
  void environmentsDefaultToDevelopmentPreviewProduction() {
    assertThat(Runway.parse("app = shop", "runway.conf").environments())
        .containsExactly(DEVELOPMENT, PREVIEW, PRODUCTION);
  }

  @Test
  void optionalSubstitutionUsesTheProcessEnvironmentWhenSet() {
    String path = System.getenv("PATH");
    Assumptions.assumeTrue(path != null, "PATH is not set in this process");
    App app = Runway.parse(HEADER + """
        variables {
          X { description = ${?PATH} }
          Y { description = "kept", description = ${?RUNWAY_TEST_SURELY_UNSET_VARIABLE} }
        }
        """, "runway.conf");
    assertThat(app.schema().variable("X").orElseThrow().description()).contains(path);
    assertThat(app.schema().variable("Y").orElseThrow().description()).contains("kept");
  }

  @Test
  void substitutionReadsOtherPathsOfTheFile() {
    App app = Runway.parse(HEADER + """
        variables {
          X { targets = [web] }
          Y { targets = ${variables.X.targets} }
        }
        """, "runway.conf");
    assertThat(app.schema().variable("Y")).contains(Var.string("Y").targets("web"));
  }

  @Test
  void includePullsInAnotherFile() throws URISyntaxException {
    Path conf = Path.of(RunwayTest.class.getResource("/models/include/runway.conf").toURI());
    App app = Runway.load(conf);
    assertThat(app.name()).isEqualTo("included");
    assertThat(app.schema().variables()).extracting(Var::name).containsExactly("PORT", "OPENAI_API_KEY");
    assertThat(app.schema().variable("PORT")).contains(Var.port("PORT").defaultValue(10000).targets("api"));
    assertThat(app.schema().variable("OPENAI_API_KEY"))
        .contains(Var.secret("OPENAI_API_KEY").format(KeyFormat.OPENAI).requiredIn(PRODUCTION).targets("api"));
  }

  @Test
  void aLoadedModelValidatesEnvironments() throws URISyntaxException {
    Path conf = Path.of(RunwayTest.class.getResource("/models/include/runway.conf").toURI());
    App app = Runway.load(conf);
    assertThat(app.validate(DEVELOPMENT, EnvSources.files(conf.getParent())).isValid()).isTrue();
    assertThat(app.validate(PRODUCTION, EnvSources.none()).problems().errors()).extracting(Problem::subject)
        .containsExactly("OPENAI_API_KEY");
  }

  // --- errors ---------------------------------------------------------------------------------

  @Test
  void aSyntaxErrorIsAParseFailureNamingFileAndLine() {
    assertThatThrownBy(() -> Runway.parse("app = shop\nservices {\n  api { platform = render \n", "runway.conf"))
        .isInstanceOfSatisfying(RunwayException.ParseFailed.class,
            e -> assertThat(e.origin()).contains(Origin.of("runway.conf:4")))
        .hasMessageStartingWith("runway.conf:4: ")
        .hasMessageEndingWith("; fix the HOCON syntax at this line");
  }

  @Test
  void aSyntaxErrorInAFileNamesThePath(@TempDir Path dir) throws Exception {
    Path conf = dir.resolve("runway.conf");
    Files.writeString(conf, "app = shop\nvariables {\n  PORT { type = port \n  = }\n}\n");
    assertThatThrownBy(() -> Runway.load(conf))
        .isInstanceOfSatisfying(RunwayException.ParseFailed.class,
            e -> assertThat(e.origin()).contains(Origin.file(conf, 4)))
        .hasMessageStartingWith(conf + ":4: ");
  }

  @Test
  void aRequiredSubstitutionThatIsUnsetSaysHowToMakeItOptional() {
    assertThatThrownBy(() -> Runway.parse("app = ${RUNWAY_TEST_SURELY_UNSET_VARIABLE}", "runway.conf"))
        .isInstanceOf(RunwayException.ParseFailed.class)
        .hasMessageStartingWith("runway.conf:1: ")
        .hasMessageEndingWith("; define it in the file, set it in the environment, or write ${?NAME} to make it optional");
  }

  @Test
  void aMissingFileIsAnIoFailure(@TempDir Path dir) {
    Path conf = dir.resolve("runway.conf");
    assertThatThrownBy(() -> Runway.load(conf))
        .isInstanceOf(RunwayException.IoFailed.class)
        .hasMessage(conf + ": no such file; create runway.conf or pass --config <file>");
  }

  @Test
  void everyMistakeIsReportedAtOnceWithItsLine() {
    String conf = """
        environments = [development, production]
        services {
          api { platform = render }
          web { platform = vercel }
        }
        variables {
          PORT { type = prot }
          KEY { type = secret, requird-in = [production] }
          TIMEOUT { type = duration, default = soon }
          DEBUG { type = boolean, forbidden-in = [prodution] }
          SITE { type = url, targets = [wbe] }
        }
        rules = [
          { rule = no-localhst, in = [production] }
        ]
        """;
    assertThatThrownBy(() -> Runway.parse(conf, "runway.conf"))
        .isInstanceOfSatisfying(RunwayException.ModelInvalid.class,
            e -> assertThat(e.origin()).contains(Origin.of("runway.conf:1")))
        .hasMessage(String.join("\n",
            "runway.conf: app: is missing; add app = <name> at the top",
            "runway.conf:7: variables.PORT.type: 'prot' is not a type; did you mean port? (known: boolean, decimal, "
                + "duration, email, enum, host, integer, json, list, long, port, postgres-url, secret, string, uri, url)",
            "runway.conf:8: variables.KEY.requird-in: is not a variable attribute; did you mean required-in? "
                + "(known: default, defaults, description, forbidden-in, format, from, generate, group, https-in, max, "
                + "max-length, min, min-length, pattern, required, required-in, schemes, sensitivity, separator, "
                + "targets, type, values)",
            "runway.conf:9: variables.TIMEOUT.default: is not a duration (expected a duration such as 500ms, 30s, 5m, "
                + "1h30m or PT30S); write a duration value",
            "runway.conf:10: variables.DEBUG.forbidden-in: 'prodution' is not a declared environment; did you mean "
                + "production? (known: development, production)",
            "runway.conf:11: variables.SITE.targets: names service 'wbe', which is not declared; did you mean web? "
                + "(known: api, web)",
            "runway.conf:14: rules[0].rule: 'no-localhst' is not a rule; did you mean no-localhost? "
                + "(known: https-only, no-localhost, requires)"));
  }

  @Test
  void anUnknownPlatformIsAnErrorWithTheClosestKnownOne() {
    String conf = """
        app = shop
        services {
          api { platform = rendr }
        }
        variables {
          PORT { type = port, targets = [api] }
        }
        """;
    assertThatThrownBy(() -> Runway.parse(conf, "runway.conf"))
        .isInstanceOf(RunwayException.ModelInvalid.class)
        .hasMessage("runway.conf:3: services.api.platform: 'rendr' is not a platform; did you mean render? "
            + "(known: fixedsettings, render, supabase, vercel)");
  }

  @Test
  void aSettingThePlatformDoesNotKnowIsAnErrorWithItsLineAndTheClosestName() {
    String conf = """
        app = shop
        services {
          api {
            platform = fixedsettings
            plan = free
            helth-check-path = /health
          }
          db { platform = fixedsettings, type = db, plan = free }
        }
        """;
    assertThatThrownBy(() -> Runway.parse(conf, "runway.conf"))
        .isInstanceOf(RunwayException.ModelInvalid.class)
        .hasMessage("runway.conf:6: services.api.helth-check-path: is not a fixedsettings setting; did you mean "
            + "health-check-path? (known: health-check-path, plan, type)\n"
            + "runway.conf:8: services.db.plan: is not a fixedsettings setting (known: disk-size-gb, type)");
  }

  @Test
  void aPlatformBlockHoldsSettingsForThePlatformAsAWhole() {
    App app = Runway.parse("""
        app = shop
        services { api { platform = fixedsettings } }
        fixedsettings { previews { generation = automatic } }
        """, "runway.conf");
    assertThat(app.platformSettings("fixedsettings")).isEqualTo(Map.of("previews", Map.of("generation", "automatic")));
    assertThat(app.platformSettings("render")).isEmpty();
    assertThatThrownBy(() -> Runway.parse("app = shop\nfixedsettings { preview { generation = off } }\n", "runway.conf"))
        .isInstanceOf(RunwayException.ModelInvalid.class)
        .hasMessage("runway.conf:2: fixedsettings.preview: is not a fixedsettings setting; did you mean previews? "
            + "(known: previews)");
  }

  @Test
  void variablesCanTakeTheirValueFromTheirPlatformAndShareAGroup() {
    App app = Runway.parse("""
        app = shop
        services {
          api { platform = render }
          db { platform = render, type = postgres }
        }
        variables {
          DATABASE_URL { type = postgres-url, targets = [api], from { service = db, property = connectionString } }
          API_TOKEN { targets = [api], from { service = api, variable = SECRET_KEY } }
          SECRET_KEY { generate = true, targets = [api], group = shared }
        }
        """, "runway.conf");
    var schema = app.schema();
    assertThat(schema.variable("DATABASE_URL").orElseThrow().source())
        .contains(new dev.runway.env.ValueSource.FromService("db", java.util.Optional.of("connectionString"),
            java.util.Optional.empty()));
    assertThat(schema.variable("API_TOKEN").orElseThrow().source())
        .contains(new dev.runway.env.ValueSource.FromService("api", java.util.Optional.empty(),
            java.util.Optional.of("SECRET_KEY")));
    Var<?> generated = schema.variable("SECRET_KEY").orElseThrow();
    assertThat(generated.source()).contains(new dev.runway.env.ValueSource.Generated());
    assertThat(generated.isSecret()).as("a generated value is a secret").isTrue();
    assertThat(generated.group()).contains("shared");
    assertThat(schema.variable("DATABASE_URL").orElseThrow().group()).isEmpty();
  }

  @Test
  void aFromThatNamesNoServiceOrBothKindsIsAModelError() {
    String conf = """
        app = shop
        services { api { platform = render } }
        variables {
          A { from { service = dbb, property = connectionString } }
          B { from { service = api, property = host, variable = X } }
        }
        """;
    assertThatThrownBy(() -> Runway.parse(conf, "runway.conf"))
        .isInstanceOf(RunwayException.ModelInvalid.class)
        .hasMessageContaining("runway.conf:4: variables.A.from.service: names service 'dbb', which is not declared")
        .hasMessageContaining("runway.conf:5: variables.B.from: needs exactly one of property and variable");
  }

  @Test
  void modelErrorsInALoadedFileNameItsPath(@TempDir Path dir) throws Exception {
    Path conf = dir.resolve("runway.conf");
    Files.writeString(conf, "app = shop\nvariables {\n  PORT { type = port, default = 0 }\n}\n");
    assertThatThrownBy(() -> Runway.load(conf))
        .isInstanceOfSatisfying(RunwayException.ModelInvalid.class,
            e -> assertThat(e.origin()).contains(Origin.file(conf, 3)))
        .hasMessage(conf + ":3: variables.PORT.default: is outside 1-65535 (expected a port number from 1 to 65535); "
            + "write a port value");
  }

  @Test
  void aCheckThatDoesNotFitTheTypeIsAModelError() {
    assertThatThrownBy(() -> Runway.parse("app = shop\nvariables {\n  U { type = url, min = 1 }\n}\n", "runway.conf"))
        .isInstanceOf(RunwayException.ModelInvalid.class)
        .hasMessage("runway.conf:3: variables.U: a numeric range does not apply to a url variable; "
            + "remove the attribute that does not fit type url");
  }

  @Test
  void anUnknownSectionIsAModelError() {
    assertThatThrownBy(() -> Runway.parse("app = shop\nvariable { X {} }\n", "runway.conf"))
        .isInstanceOf(RunwayException.ModelInvalid.class)
        .hasMessage("runway.conf:2: variable: is not a runway.conf section; did you mean variables? "
            + "(known: app, environments, fixedsettings, keep-warm, monitor, pipelines, render, rules, services, supabase, variables, vercel)");
  }

  @Test
  void rulesMustNameDeclaredVariablesAndEnvironments() {
    String conf = HEADER + """
        variables { SENTRY_DSN { required = false } }
        rules = [
          { rule = requires, variable = SENTRY_DNS, requires = [SENTRY_DSN, SENTRY_ENVIRONMENT] }
          { rule = https-only }
        ]
        """;
    assertThatThrownBy(() -> Runway.parse(conf, "runway.conf"))
        .isInstanceOf(RunwayException.ModelInvalid.class)
        .hasMessage(String.join("\n",
            "runway.conf:8: rules[0].variable: names variable 'SENTRY_DNS', which is not declared; "
                + "did you mean SENTRY_DSN? (known: SENTRY_DSN)",
            "runway.conf:8: rules[0].requires: names variable 'SENTRY_ENVIRONMENT', which is not declared "
                + "(known: SENTRY_DSN)",
            "runway.conf: rules[1].in: is missing; add in = [production]"));
  }

  @Test
  void enumNeedsValuesAndOtherTypesRefuseThem() {
    assertThatThrownBy(() -> Runway.parse("app = shop\nvariables {\n  L { type = enum }\n  S { values = [a] }\n}\n",
        "runway.conf"))
        .isInstanceOf(RunwayException.ModelInvalid.class)
        .hasMessage("runway.conf:3: variables.L.values: is missing for an enum; add values = [a, b, c]\n"
            + "runway.conf:4: variables.S.values: applies only to type = enum; remove it, or set type = enum");
  }

  @Test
  void aServiceNeedsAPlatform() {
    assertThatThrownBy(() -> Runway.parse("app = shop\nservices {\n  api { plan = free }\n}\n", "runway.conf"))
        .isInstanceOf(RunwayException.ModelInvalid.class)
        .hasMessage("runway.conf:3: services.api.platform: is missing; add platform = render (or vercel, supabase)");
  }
}
