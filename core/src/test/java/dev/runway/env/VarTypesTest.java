package dev.runway.env;

import dev.runway.base.Secret;
import static dev.runway.env.Fixtures.load;
import static dev.runway.env.Fixtures.onlyProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.base.Problem;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VarTypesTest {

  enum Level { DEBUG, LOG_LEVEL }

  // --- string ---------------------------------------------------------------------------------

  @Test
  void stringKeepsTheTextAsWritten() {
    assertThat(load(Var.string("S"), "  two words  ")).isEqualTo("  two words  ");
    assertThat(Var.string("S").typeName()).isEqualTo("string");
  }

  // --- integer, long --------------------------------------------------------------------------

  @Test
  void integerParsesWholeNumbers() {
    assertThat(load(Var.integer("N"), "42")).isEqualTo(42);
    assertThat(load(Var.integer("N"), " -7 ")).isEqualTo(-7);
    assertThat(load(Var.integer("N"), "2147483647")).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void integerRejectsAFractionAsMalformedNamingTheValue() {
    Problem p = onlyProblem(Var.integer("N"), "4.2");
    assertThat(p.code()).isEqualTo(Problem.MALFORMED);
    assertThat(p.text())
        .isEqualTo("override: N: is not a whole number: '4.2' (expected a whole number); set N to a whole number");
  }

  @Test
  void integerRejectsAWholeNumberTooLargeAsOutOfRange() {
    Problem p = onlyProblem(Var.integer("N"), "3000000000");
    assertThat(p.code()).isEqualTo(Problem.OUT_OF_RANGE);
    assertThat(p.message()).isEqualTo("is outside -2147483648 to 2147483647: '3000000000'");
  }

  @Test
  void longIntegerParsesBeyondIntAndRejectsBeyondLong() {
    assertThat(load(Var.longInteger("N"), "9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(onlyProblem(Var.longInteger("N"), "twelve").code()).isEqualTo(Problem.MALFORMED);
    Problem p = onlyProblem(Var.longInteger("N"), "9223372036854775808");
    assertThat(p.code()).isEqualTo(Problem.OUT_OF_RANGE);
    assertThat(p.message())
        .isEqualTo("is outside -9223372036854775808 to 9223372036854775807: '9223372036854775808'");
  }

  // --- bool -----------------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource({"true,true", "TRUE,true", "1,true", "yes,true", "on,true", " On ,true",
      "false,false", "False,false", "0,false", "no,false", "off,false"})
  void boolReadsEveryUsualSpelling(String text, boolean expected) {
    assertThat(load(Var.bool("B"), text)).isEqualTo(expected);
  }

  @Test
  void boolRejectsAnythingElseAsMalformed() {
    Problem p = onlyProblem(Var.bool("B"), "maybe");
    assertThat(p.code()).isEqualTo(Problem.MALFORMED);
    assertThat(p.text()).isEqualTo("override: B: is not true or false: 'maybe' "
        + "(expected true or false (also 1/0, yes/no, on/off)); set B to true or false (also 1/0, yes/no, on/off)");
  }

  // --- decimal --------------------------------------------------------------------------------

  @Test
  void decimalKeepsTheExactValue() {
    assertThat(load(Var.decimal("D"), "0.10")).isEqualTo(new BigDecimal("0.10"));
    assertThat(load(Var.decimal("D"), "-3")).isEqualTo(new BigDecimal("-3"));
  }

  @Test
  void decimalRejectsTextAsMalformed() {
    Problem p = onlyProblem(Var.decimal("D"), "0,25");
    assertThat(p.code()).isEqualTo(Problem.MALFORMED);
    assertThat(p.message()).isEqualTo("is not a decimal number: '0,25'");
  }

  // --- duration -------------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource({"500ms,PT0.5S", "30s,PT30S", "5m,PT5M", "1h30m,PT1H30M", "2d,PT48H", "PT30S,PT30S",
      "1h1m1s1ms,PT1H1M1.001S", "' 10s ',PT10S"})
  void durationReadsShortAndIsoForms(String text, String iso) {
    assertThat(load(Var.duration("T"), text)).isEqualTo(Duration.parse(iso));
  }

  @ParameterizedTest
  @ValueSource(strings = {"soon", "30", "30 s", "1h 30m", "5x", "m5", "30s!"})
  void durationRejectsGarbageAsMalformed(String text) {
    Problem p = onlyProblem(Var.duration("T"), text);
    assertThat(p.code()).isEqualTo(Problem.MALFORMED);
    assertThat(p.message()).isEqualTo("is not a duration: '" + text + "'");
  }

  @Test
  void durationRejectsABrokenIsoDurationNamingIso() {
    Problem p = onlyProblem(Var.duration("T"), "PT30X");
    assertThat(p.code()).isEqualTo(Problem.MALFORMED);
    assertThat(p.text()).isEqualTo("override: T: is not an ISO-8601 duration: 'PT30X' "
        + "(expected a duration such as 500ms, 30s, 5m, 1h30m or PT30S); "
        + "set T to a duration such as 500ms, 30s, 5m, 1h30m or PT30S");
  }

  // --- port -----------------------------------------------------------------------------------

  @Test
  void portAcceptsOneTo65535() {
    assertThat(load(Var.port("P"), "1")).isEqualTo(1);
    assertThat(load(Var.port("P"), "65535")).isEqualTo(65535);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "65536", "-1"})
  void portOutsideTheRangeIsOutOfRange(String text) {
    Problem p = onlyProblem(Var.port("P"), text);
    assertThat(p.code()).isEqualTo(Problem.OUT_OF_RANGE);
    assertThat(p.text()).isEqualTo("override: P: is outside 1-65535: '" + text + "' "
        + "(expected a port number from 1 to 65535); set P to a port number from 1 to 65535");
  }

  @Test
  void portThatIsNotANumberIsMalformed() {
    Problem p = onlyProblem(Var.port("P"), "abc");
    assertThat(p.code()).isEqualTo(Problem.MALFORMED);
    assertThat(p.message()).isEqualTo("is not a port number: 'abc'");
  }

  @Test
  void portTooLargeForAnIntIsStillOutOfRange() {
    assertThat(onlyProblem(Var.port("P"), "99999999999").code()).isEqualTo(Problem.OUT_OF_RANGE);
  }

  // --- url, uri -------------------------------------------------------------------------------

  @Test
  void urlAcceptsAnAbsoluteUrlWithAHost() {
    assertThat(load(Var.url("U"), "https://api.example.com:8443/v1?x=1"))
        .isEqualTo(URI.create("https://api.example.com:8443/v1?x=1"));
  }

  @Test
  void urlAcceptsHostNamesWithUnderscoresAsDockerComposeServicesHaveThem() {
    assertThat(load(Var.url("U"), "http://search_api:8080/v1")).isEqualTo(URI.create("http://search_api:8080/v1"));
    assertThat(load(Var.url("U"), "redis://default:pw@cache_1")).isEqualTo(URI.create("redis://default:pw@cache_1"));
    assertThat(onlyProblem(Var.url("U"), "http://bad_host!:80/").message()).isEqualTo("has no host: 'http://bad_host!:80/'");
  }

  @Test
  void urlWithoutAHostIsMalformed() {
    Problem p = onlyProblem(Var.url("U"), "mailto:ops@example.com");
    assertThat(p.code()).isEqualTo(Problem.MALFORMED);
    assertThat(p.text()).isEqualTo("override: U: has no host: 'mailto:ops@example.com' "
        + "(expected an absolute URL with a host, such as https://api.example.com); "
        + "set U to an absolute URL with a host, such as https://api.example.com");
  }

  @Test
  void relativeUrlIsMalformed() {
    Problem p = onlyProblem(Var.url("U"), "/api/health");
    assertThat(p.code()).isEqualTo(Problem.MALFORMED);
    assertThat(p.message()).isEqualTo("has no scheme: '/api/health'");
  }

  @Test
  void urlThatIsNotAUriIsMalformed() {
    Problem p = onlyProblem(Var.url("U"), "http://exa mple.com");
    assertThat(p.code()).isEqualTo(Problem.MALFORMED);
    assertThat(p.message()).isEqualTo("is not a valid URI: 'http://exa mple.com'");
  }

  @Test
  void uriAcceptsAnyAbsoluteUriButNotARelativeOne() {
    assertThat(load(Var.uri("U"), "mailto:ops@example.com")).isEqualTo(URI.create("mailto:ops@example.com"));
    assertThat(load(Var.uri("U"), "redis://cache:6379/0")).isEqualTo(URI.create("redis://cache:6379/0"));
    Problem p = onlyProblem(Var.uri("U"), "relative/path");
    assertThat(p.code()).isEqualTo(Problem.MALFORMED);
    assertThat(p.message()).isEqualTo("has no scheme: 'relative/path'");
  }

  // --- host, email ----------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"db.example.com", "localhost", "10.0.0.1", "[::1]", "srv-abc123", "example.com.", "my_db"})
  void hostAcceptsNamesAndAddresses(String text) {
    assertThat(load(Var.host("H"), text)).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://db.example.com", "db example.com", "-db.example.com", "db..example.com", "[]"})
  void hostRejectsUrlsAndBadNamesAsMalformed(String text) {
    Problem p = onlyProblem(Var.host("H"), text);
    assertThat(p.code()).isEqualTo(Problem.MALFORMED);
    assertThat(p.message()).isEqualTo("is not a host name or IP address: '" + text + "'");
  }

  @Test
  void emailAcceptsAnAddressAndRejectsOthers() {
    assertThat(load(Var.email("E"), " ops@example.com ")).isEqualTo("ops@example.com");
    for (String bad : List.of("ops", "ops@", "ops@example", "ops example.com", "a@b@example.com")) {
      Problem p = onlyProblem(Var.email("E"), bad);
      assertThat(p.code()).as(bad).isEqualTo(Problem.MALFORMED);
      assertThat(p.message()).isEqualTo("is not an email address: '" + bad + "'");
    }
  }

  // --- oneOf, enumeration ---------------------------------------------------------------------

  @Test
  void oneOfMatchesExactly() {
    Var<String> level = Var.oneOf("LEVEL", "debug", "info");
    assertThat(load(level, "info")).isEqualTo("info");
    Problem p = onlyProblem(level, "INFO");
    assertThat(p.code()).isEqualTo(Problem.OUT_OF_RANGE);
    assertThat(p.text()).isEqualTo(
        "override: LEVEL: is not one of debug, info: 'INFO' (expected one of debug, info); set LEVEL to one of debug, info");
  }

  @Test
  void oneOfNeedsAValue() {
    assertThatThrownBy(() -> Var.oneOf("LEVEL"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("oneOf needs at least one value");
  }

  @Test
  void enumerationMatchesConstantNamesIgnoringCaseAndDashes() {
    Var<Level> level = Var.enumeration("LEVEL", Level.class);
    assertThat(load(level, "log-level")).isEqualTo(Level.LOG_LEVEL);
    assertThat(load(level, " Debug ")).isEqualTo(Level.DEBUG);
    Problem p = onlyProblem(level, "trace");
    assertThat(p.code()).isEqualTo(Problem.OUT_OF_RANGE);
    assertThat(p.message()).isEqualTo("is not one of debug, log_level: 'trace'");
  }

  // --- list -----------------------------------------------------------------------------------

  @Test
  void listSplitsOnCommasTrimsAndDropsEmptyItems() {
    assertThat(load(Var.list("L"), " a, b ,,c, ")).containsExactly("a", "b", "c");
    assertThat(load(Var.list("L"), " , ")).isEmpty();
  }

  @Test
  void listSplitsOnItsOwnSeparatorOnly() {
    assertThat(load(Var.list("L", ";"), "a;b,c; d")).containsExactly("a", "b,c", "d");
    assertThat(load(Var.list("L", "."), "a.b")).containsExactly("a", "b"); // a literal, not a regex
    assertThatThrownBy(() -> Var.list("L", "")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("list separator must not be empty");
  }

  // --- json -----------------------------------------------------------------------------------

  @Test
  void jsonReadsPlainJavaValues() {
    Object value = load(Var.json("J"), "{\"a\": [1, true, \"x\"], \"b\": null}");
    assertThat(value).isInstanceOf(Map.class);
    Map<?, ?> map = (Map<?, ?>) value;
    assertThat(map.get("a")).isEqualTo(List.of(1, true, "x"));
    assertThat(map.containsKey("b")).isTrue();
  }

  @Test
  void jsonThatDoesNotParseIsMalformedWithItsPosition() {
    Problem p = onlyProblem(Var.json("J"), "{\"a\": }");
    assertThat(p.code()).isEqualTo(Problem.MALFORMED);
    assertThat(p.message()).matches("is not valid JSON \\(line 1, column \\d+\\): '\\{\"a\": \\}'");
  }

  @Test
  void jsonNullIsMalformed() {
    assertThat(onlyProblem(Var.json("J"), "null").message()).isEqualTo("is JSON null: 'null'");
  }

  // --- secret, postgresUrl --------------------------------------------------------------------

  @Test
  void secretKeepsTheValueBehindReveal() {
    Secret s = load(Var.secret("K"), "s3cr3t-value");
    assertThat(s.reveal()).isEqualTo("s3cr3t-value");
    assertThat(s).hasToString("****");
    assertThat(Var.secret("K").isSecret()).isTrue();
  }

  @Test
  void postgresUrlIsSecretByDefault() {
    PostgresUrl url = load(Var.postgresUrl("DB"), "postgres://u:pw@db.example.com/app");
    assertThat(url.host()).isEqualTo("db.example.com");
    assertThat(Var.postgresUrl("DB").sensitivity()).isEqualTo(Sensitivity.SECRET);
    Problem p = onlyProblem(Var.postgresUrl("DB"), "mysql://u:pw@db/app");
    assertThat(p.code()).isEqualTo(Problem.MALFORMED);
    assertThat(p.text()).isEqualTo("override: DB: is not a PostgreSQL URL: it must start with postgresql://, "
        + "postgres:// or jdbc:postgresql:// (expected a PostgreSQL URL such as postgresql://user:password@host:5432/db); "
        + "set DB to a PostgreSQL URL such as postgresql://user:password@host:5432/db");
  }

  // --- custom ---------------------------------------------------------------------------------

  @Test
  void customTypeParsesWithTheUsersParserAndHidesItsMessage() {
    Var<Integer> even = Var.custom("EVEN", "even", "an even number", Integer.class, s -> {
      int n = Integer.parseInt(s);
      if (n % 2 != 0) throw new IllegalArgumentException("odd: " + s);
      return n;
    });
    assertThat(load(even, "4")).isEqualTo(4);
    Problem p = onlyProblem(even, "5");
    assertThat(p.code()).isEqualTo(Problem.MALFORMED);
    assertThat(p.text()).isEqualTo("override: EVEN: is not an even number: '5' (expected an even number); "
        + "set EVEN to an even number");
  }

  // --- Var.parse and declarations -------------------------------------------------------------

  @Test
  void parseThrowsIllegalArgumentNamingTheVariableAndTheExpectationButNotTheValue() {
    assertThat(Var.port("PORT").parse("8080")).isEqualTo(8080);
    assertThatThrownBy(() -> Var.port("PORT").parse("80x80"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PORT: is not a port number (expected a port number from 1 to 65535)");
  }

  @Test
  void secretValuesAreNeverShownInProblems() {
    Problem p = onlyProblem(Var.secret("K").minLength(20), "short-secret");
    assertThat(p.text()).doesNotContain("short-secret");
    Problem q = onlyProblem(Var.string("S").sensitivity(Sensitivity.SECRET).pattern("x+"), "short-secret");
    assertThat(q.text()).isEqualTo("override: S: does not match the pattern x+ (expected text matching x+); "
        + "set a value that matches x+");
  }

  @Test
  void secretTypedValuesAreNeverShownEvenWhenDeclaredLessSensitive() {
    Problem p = onlyProblem(Var.secret("K").sensitivity(Sensitivity.INTERNAL).format(KeyFormat.OPENAI),
        "sk-ant-api03-EXAMPLEnotAnOpenAIkey000000");
    assertThat(p.text()).isEqualTo("override: K: is not an OpenAI API key (sk-... or sk-proj-...); "
        + "create one at platform.openai.com/api-keys");
    Problem q = onlyProblem(Var.postgresUrl("DB").sensitivity(Sensitivity.INTERNAL), "postgres://u:EXAMPLE-pw@h:0/db");
    assertThat(q.message()).isEqualTo("is not a PostgreSQL URL: it has port 0, outside 1-65535");
  }

  @Test
  void longValuesAreCutInMessages() {
    String text = "a".repeat(100);
    Problem p = onlyProblem(Var.integer("N"), text);
    assertThat(p.message()).isEqualTo("is not a whole number: '" + "a".repeat(60) + "...'");
  }

  @Test
  void variableNamesMustBeIdentifiers() {
    assertThatThrownBy(() -> Var.string("MY-VAR"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("variable name 'MY-VAR' must start with a letter or '_' and hold only letters, digits and '_'");
    assertThat(Var.string("_private1").name()).isEqualTo("_private1");
  }

  @Test
  void everyBuiltInTypeHasItsName() {
    assertThat(List.of(Var.string("A"), Var.integer("A"), Var.longInteger("A"), Var.bool("A"), Var.decimal("A"),
            Var.duration("A"), Var.port("A"), Var.url("A"), Var.uri("A"), Var.host("A"), Var.email("A"),
            Var.oneOf("A", "x"), Var.list("A"), Var.json("A"), Var.postgresUrl("A"), Var.secret("A"))
        .stream().map(Var::typeName).toList())
        .containsExactly("string", "integer", "long", "boolean", "decimal", "duration", "port", "url", "uri",
            "host", "email", "enum", "list", "json", "postgres-url", "secret");
  }

  @Test
  void defaultsAreWrittenBackAsDotenvText() {
    assertThat(Var.duration("T").defaultValue(Duration.ofMinutes(90)).defaultTextIn(Environment.PRODUCTION))
        .contains("1h30m");
    assertThat(Var.list("L").defaultValue(List.of("a", "b")).defaultTextIn(Environment.PRODUCTION)).contains("a,b");
    assertThat(Var.secret("K").defaultValue(Secret.of("x")).defaultTextIn(Environment.PRODUCTION)).contains("x");
  }
}
