package dev.runway.env;

import dev.runway.base.Secret;
import static dev.runway.env.Environment.PRODUCTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.base.RunwayException;
import dev.runway.internal.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * No rendering Runway makes of a schema, a source, a value, a validation or its exception shows a
 * secret: not when the secret is valid, not when it fails its checks, not when it lands in an
 * undeclared variable, a forbidden one, a Postgres URL's password or a broken rule.
 */
class RedactionProperties {

  /** Printable ASCII, 8 to 50 characters (longer values are cut in messages, which would hide a leak). */
  @Provide
  Arbitrary<String> secrets() {
    return Arbitraries.strings().withCharRange(' ', '~').ofMinLength(8).ofMaxLength(50)
        // a secret of one or two repeated characters ("        ") is found in any indented text
        .filter(s -> s.chars().distinct().count() >= 4);
  }

  @Property(tries = 200)
  void aSecretNeverAppearsInAnyRendering(@ForAll("secrets") String secret) {
    String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20");
    String dbUrl = "postgresql://app:" + encoded + "@db.example.com:6543/app?sslmode=require";

    Var<Secret> openAi = Var.secret("OPENAI_API_KEY").format(KeyFormat.OPENAI);
    Var<Secret> signing = Var.secret("SIGNING_KEY").minLength(60);
    Var<Secret> shortKey = Var.secret("SHORT_KEY").length(1, 7);
    Var<Secret> patterned = Var.secret("PATTERNED").pattern("[0-9]{3}");
    Var<Secret> checked = Var.secret("CHECKED").check("starts with zz", s -> s.reveal().startsWith("zz\u0000"));
    Var<String> hidden = Var.string("HIDDEN").sensitivity(Sensitivity.SECRET).format(KeyFormat.ANTHROPIC);
    Var<Secret> forbidden = Var.secret("DEBUG_TOKEN").optional().forbiddenIn(PRODUCTION);
    Var<Secret> plain = Var.secret("PLAIN");
    Var<Secret> defaulted = Var.secret("DEFAULTED").defaultValue(Secret.of(secret));
    Var<PostgresUrl> db = Var.postgresUrl("DATABASE_URL");
    Var<PostgresUrl> brokenDb = Var.postgresUrl("BROKEN_DATABASE_URL");
    Var<PostgresUrl> localDb = Var.postgresUrl("LOCAL_DATABASE_URL");
    Var<String> companion = Var.string("COMPANION").optional();
    List<Var<?>> all = List.of(openAi, signing, shortKey, patterned, checked, hidden, forbidden, plain, defaulted, db,
        brokenDb, localDb, companion);

    EnvSchema failing = EnvSchema.of(all)
        .rule(Rules.noLocalhostIn(PRODUCTION))
        .rule(Rules.requires(plain, companion))
        .rule(Rules.check("PLAIN", "PLAIN is rotated", env -> false))
        .rule(env -> {
          throw new IllegalStateException("rule saw " + env.get(plain).reveal());
        });
    Map<String, String> file = new LinkedHashMap<>();
    file.put("OPENAI_API_KEY", secret);
    file.put("SIGNING_KEY", secret);
    file.put("SHORT_KEY", secret);
    file.put("PATTERNED", secret);
    file.put("OPENAI_API_KEYY", secret); // undeclared: a warning
    file.put("DEBUG_TOKEN", secret);
    Map<String, String> process = Map.of(
        "CHECKED", secret,
        "HIDDEN", secret,
        "DATABASE_URL", dbUrl,
        "BROKEN_DATABASE_URL", "postgresql://app:" + secret + "@db.example.com:99999/app",
        "UNRELATED_PROCESS_VARIABLE", secret);
    Map<String, String> overrides = Map.of(
        "PLAIN", secret,
        "LOCAL_DATABASE_URL", "postgres://app:" + encoded + "@localhost/app");
    EnvSources sources = EnvSources.of(EnvSources.map(file, Origin.of(".env.production"), true))
        .with(EnvSources.map(process, Origin.processEnv(), false))
        .withOverrides(overrides);

    Validation invalid = failing.validate(PRODUCTION, sources);
    assertThat(invalid.isValid()).isFalse();
    assertThat(invalid.problems().errors()).hasSizeGreaterThanOrEqualTo(10);
    List<String> renderings = new ArrayList<>();
    renderings.add(invalid.toText());
    renderings.add(invalid.toString());
    renderings.add(invalid.toJson());
    renderings.add(invalid.problems().toText());
    renderings.add(invalid.problems().toJson());
    for (Problem p : invalid.problems().all()) renderings.add(p.toString());
    RunwayException.ValidationFailed failed = catchThrowableOfType(RunwayException.ValidationFailed.class,
        invalid::orThrow);
    renderings.add(failed.getMessage());
    renderings.add(failed.toString());
    renderings.add(failed.problems().toText());

    EnvSchema passing = EnvSchema.of(plain, defaulted, db, Var.string("QUIET").sensitivity(Sensitivity.SECRET));
    Validation valid = passing.validate(PRODUCTION, EnvSources.none().withOverrides(
        Map.of("PLAIN", secret, "DATABASE_URL", dbUrl, "QUIET", secret)));
    Env env = valid.orThrow();
    assertThat(env.get(plain).reveal()).isEqualTo(secret);
    assertThat(env.get(defaulted).reveal()).isEqualTo(secret);
    assertThat(env.get(db).password().map(Secret::reveal)).contains(secret);
    renderings.add(valid.toText());
    renderings.add(valid.toJson());
    renderings.add(env.toString());
    renderings.add(env.get(plain).toString());
    renderings.add(env.get(db).toString());
    renderings.add(env.get(db).jdbcUrl());
    renderings.add(env.get(db).toUri().toString());

    Secret s = Secret.of(secret);
    renderings.add(s.toString());
    renderings.add(Json.mapper().writeValueAsString(s));
    renderings.add(Json.mapper().writeValueAsString(Map.of("key", s)));
    renderings.add(PostgresUrl.parse(dbUrl).toString());
    for (String url : List.of("jdbc:postgresql://db.example.com/app?user=app&password=" + encoded,
        "postgresql://app:EXAMPLE-first@db.example.com/app?password=" + encoded + "&sslmode=require")) {
      renderings.add(PostgresUrl.parse(url).toString());
      renderings.add(PostgresUrl.parse(url).jdbcUrl());
    }
    renderings.add(new RawValue("PLAIN", secret, Origin.of("override")).toString());
    for (Var<?> v : all) renderings.add(v.toString());
    renderings.add(failing.toString());
    renderings.add(sources.toString());

    for (String rendering : renderings) assertNoLeak(rendering, secret);
  }

  /** The secret as written, JSON-escaped and URL-encoded: a leak in any of these spellings is a leak. */
  static void assertNoLeak(String rendering, String secret) {
    String json = Json.mapper().writeValueAsString(secret);
    List<String> spellings = List.of(secret, json.substring(1, json.length() - 1),
        URLEncoder.encode(secret, StandardCharsets.UTF_8),
        URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
    for (String spelling : spellings) {
      assertThat(rendering).as("a rendering holds the secret").doesNotContain(spelling);
    }
  }
}
