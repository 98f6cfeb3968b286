package dev.runway.env;

import static dev.runway.env.Environment.DEVELOPMENT;
import static dev.runway.env.Environment.PREVIEW;
import static dev.runway.env.Environment.PRODUCTION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.base.Origin;
import dev.runway.base.Problem;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RulesTest {
  private static final Var<URI> API_URL = Var.url("API_URL").optional();
  private static final Var<PostgresUrl> DATABASE_URL = Var.postgresUrl("DATABASE_URL").optional();
  private static final Var<String> DB_HOST = Var.host("DB_HOST").optional();
  private static final Var<String> NOTE = Var.string("NOTE").optional();

  private static Validation validate(EnvSchema schema, Environment environment, Map<String, String> values) {
    return schema.validate(environment, EnvSources.none().withOverrides(values));
  }

  // --- noLocalhostIn --------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:3000", "http://LOCALHOST", "http://127.0.0.1:8000/x", "http://127.1.2.3",
      "http://[::1]:8080", "http://0.0.0.0", "http://api.localhost"})
  void noLocalhostFlagsUrlsThatPointAtTheServerItself(String url) {
    EnvSchema schema = EnvSchema.of(API_URL).rule(Rules.noLocalhostIn(PRODUCTION));
    Validation v = validate(schema, PRODUCTION, Map.of("API_URL", url));
    assertThat(v.problems().all()).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo(Problem.RULE);
      assertThat(p.subject()).isEqualTo("API_URL");
      assertThat(p.origin()).contains(Origin.of("override"));
    });
  }

  @Test
  void noLocalhostSaysWhereAndWhatToDo() {
    EnvSchema schema = EnvSchema.of(API_URL).rule(Rules.noLocalhostIn(PRODUCTION));
    Problem p = Fixtures.onlyProblem(validate(schema, PRODUCTION, Map.of("API_URL", "http://localhost:3000")));
    assertThat(p.text()).isEqualTo("override: API_URL: points at localhost in production, which is the server "
        + "itself there (expected a host reachable from production); set API_URL to the production address of "
        + "the service");
  }

  @Test
  void noLocalhostChecksPostgresUrlsAndHosts() {
    EnvSchema schema = EnvSchema.of(DATABASE_URL, DB_HOST).rule(Rules.noLocalhostIn(PRODUCTION));
    Validation v = validate(schema, PRODUCTION, Map.of(
        "DATABASE_URL", "postgresql://postgres:pw@127.0.0.1:54322/postgres",
        "DB_HOST", "localhost"));
    assertThat(v.problems().all()).extracting(Problem::subject).containsExactlyInAnyOrder("DATABASE_URL", "DB_HOST");
    assertThat(v.problems().all()).extracting(Problem::message).containsExactlyInAnyOrder(
        "points at 127.0.0.1 in production, which is the server itself there",
        "points at localhost in production, which is the server itself there");
    Validation ipv6 = validate(schema, PRODUCTION, Map.of("DATABASE_URL", "postgres://u:pw@[::1]:5432/db"));
    assertThat(ipv6.problems().all()).singleElement().extracting(Problem::message)
        .isEqualTo("points at [::1] in production, which is the server itself there");
  }

  @Test
  void noLocalhostIgnoresOtherEnvironmentsRemoteHostsAndPlainStrings() {
    EnvSchema schema = EnvSchema.of(API_URL, DATABASE_URL, NOTE).rule(Rules.noLocalhostIn(PRODUCTION, PREVIEW));
    assertThat(validate(schema, DEVELOPMENT, Map.of("API_URL", "http://localhost:3000")).problems().all()).isEmpty();
    assertThat(validate(schema, PRODUCTION, Map.of(
        "API_URL", "https://localhost-proxy.example.com",
        "DATABASE_URL", "postgresql://u:pw@db.example.com/app",
        "NOTE", "localhost")).problems().all()).isEmpty();
    assertThat(validate(schema, PREVIEW, Map.of("API_URL", "http://127.0.0.1")).problems().all()).hasSize(1);
  }

  // --- httpsOnlyIn ----------------------------------------------------------------------------

  @Test
  void httpsOnlyFlagsEveryPlainHttpUrl() {
    Var<URI> ws = Var.uri("WS_URL").optional();
    EnvSchema schema = EnvSchema.of(API_URL, ws, NOTE).rule(Rules.httpsOnlyIn(PRODUCTION));
    Validation v = validate(schema, PRODUCTION, Map.of(
        "API_URL", "http://api.example.com", "WS_URL", "ws://rt.example.com", "NOTE", "http://x"));
    assertThat(v.problems().all()).extracting(Problem::text).containsExactly(
        "override: API_URL: uses http:// in production (expected a https:// URL); change the URL to https://",
        "override: WS_URL: uses ws:// in production (expected a wss:// URL); change the URL to wss://");
    assertThat(v.problems().all()).allMatch(p -> p.code().equals(Problem.INSECURE));
    assertThat(validate(schema, DEVELOPMENT, Map.of("API_URL", "http://api.example.com")).isValid()).isTrue();
    assertThat(validate(schema, PRODUCTION, Map.of("API_URL", "https://api.example.com")).isValid()).isTrue();
  }

  // --- requires -------------------------------------------------------------------------------

  @Test
  void requiresAsksForTheCompanionsOfASetVariable() {
    Var<URI> dsn = Var.url("SENTRY_DSN").optional();
    Var<String> sentryEnv = Var.string("SENTRY_ENVIRONMENT").optional();
    Var<String> release = Var.string("SENTRY_RELEASE").optional();
    EnvSchema schema = EnvSchema.of(dsn, sentryEnv, release).rule(Rules.requires(dsn, sentryEnv, release));
    assertThat(validate(schema, PRODUCTION, Map.of()).problems().all()).isEmpty();
    assertThat(validate(schema, PRODUCTION, Map.of("SENTRY_DSN", "https://k@o0.ingest.sentry.io/0",
        "SENTRY_ENVIRONMENT", "production", "SENTRY_RELEASE", "1")).problems().all()).isEmpty();
    Validation v = validate(schema, DEVELOPMENT, Map.of("SENTRY_DSN", "https://k@o0.ingest.sentry.io/0",
        "SENTRY_RELEASE", "1"));
    assertThat(v.problems().all()).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo(Problem.RULE);
      assertThat(p.environment()).contains("development");
      assertThat(p.text()).isEqualTo("override: SENTRY_ENVIRONMENT: is required because SENTRY_DSN is set; "
          + "set SENTRY_ENVIRONMENT as well, or remove SENTRY_DSN");
    });
  }

  // --- custom rules ---------------------------------------------------------------------------

  @Test
  void checkReportsARuleProblemWhenItsPredicateFails() {
    Var<Integer> min = Var.integer("MIN_WORKERS");
    Var<Integer> max = Var.integer("MAX_WORKERS");
    EnvSchema schema = EnvSchema.of(min, max).rule(Rules.check("MIN_WORKERS+MAX_WORKERS",
        "MIN_WORKERS is at most MAX_WORKERS", env -> env.get(min) <= env.get(max)));
    assertThat(validate(schema, PRODUCTION, Map.of("MIN_WORKERS", "1", "MAX_WORKERS", "4")).isValid()).isTrue();
    Problem p = Fixtures.onlyProblem(validate(schema, PRODUCTION, Map.of("MIN_WORKERS", "8", "MAX_WORKERS", "4")));
    assertThat(p.code()).isEqualTo(Problem.RULE);
    assertThat(p.text()).isEqualTo("MIN_WORKERS+MAX_WORKERS: breaks the rule: MIN_WORKERS is at most MAX_WORKERS; "
        + "make sure MIN_WORKERS is at most MAX_WORKERS");
  }

  @Test
  void checkAppliesOnlyInItsEnvironmentsAndTreatsAThrowAsABreak() {
    Var<String> x = Var.string("X").optional();
    EnvSchema schema = EnvSchema.of(x).rule(Rules.check("X", "X is set", env -> env.get(x) != null, PRODUCTION));
    assertThat(validate(schema, DEVELOPMENT, Map.of()).isValid()).isTrue();
    // env.get on an unset optional variable throws; the rule reports a break rather than escaping
    assertThat(Fixtures.onlyProblem(validate(schema, PRODUCTION, Map.of())).message()).isEqualTo("breaks the rule: X is set");
  }

  @Test
  void aRuleThatThrowsBecomesAProblem() {
    Rule broken = env -> {
      throw new IllegalStateException("boom");
    };
    EnvSchema schema = EnvSchema.of(NOTE).rule(broken);
    Problem p = Fixtures.onlyProblem(validate(schema, PRODUCTION, Map.of()));
    assertThat(p.code()).isEqualTo(Problem.RULE);
    assertThat(p.text()).isEqualTo("rules: a rule failed with IllegalStateException; "
        + "fix the rule: it must return problems, not throw");
  }

  @Test
  void rulesSeeOnlyValuesThatParsed() {
    Var<Integer> a = Var.integer("A").optional();
    Var<Integer> b = Var.integer("B").optional();
    Var<Integer> c = Var.integer("C").range(1, 2);
    List<Set<String>> seen = new ArrayList<>();
    EnvSchema schema = EnvSchema.of(a, b, c)
        .rule(env -> {
          seen.add(Set.copyOf(env.names()));
          return List.of();
        })
        .rule(Rules.requires(a, b));
    Validation v = validate(schema, PRODUCTION, Map.of("A", "not-a-number", "C", "5"));
    // A is malformed, so it is not "set" for the requires rule, and no rule sees it
    assertThat(v.problems().all()).extracting(Problem::subject).containsExactlyInAnyOrder("A", "C");
    assertThat(seen).containsExactly(Set.of("C"));
  }

  @Test
  void builtInRulesAreValuesSoEqualDeclarationsAreEqual() {
    assertThat(Rules.noLocalhostIn(PRODUCTION)).isEqualTo(Rules.noLocalhostIn(PRODUCTION));
    assertThat(Rules.httpsOnlyIn(PRODUCTION, PREVIEW)).isEqualTo(Rules.httpsOnlyIn(PREVIEW, PRODUCTION));
    assertThat(Rules.requires(API_URL, NOTE)).isEqualTo(Rules.requires(Var.url("API_URL"), Var.string("NOTE")));
    assertThat(Rules.noLocalhostIn(PRODUCTION)).isNotEqualTo(Rules.httpsOnlyIn(PRODUCTION));
  }
}
