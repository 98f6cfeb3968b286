package dev.runway.env;

import dev.runway.base.Secret;
import static dev.runway.env.Fixtures.load;
import static dev.runway.env.Fixtures.onlyProblem;
import static dev.runway.env.Fixtures.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.base.Problem;
import java.math.BigDecimal;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ConstraintsTest {
  private static final String OPENAI_PROJECT_KEY = "sk-proj-EXAMPLEabcdefghijklmnop0123456789";
  private static final String OPENAI_LEGACY_KEY = "sk-EXAMPLEabcdefghijklmnop0123";
  private static final String ANTHROPIC_KEY = "sk-ant-api03-EXAMPLEabcdefghijklmnop0123";

  // --- format ---------------------------------------------------------------------------------

  @Test
  void openAiFormatAcceptsProjectAndLegacyKeys() {
    Var<Secret> key = Var.secret("OPENAI_API_KEY").format(KeyFormat.OPENAI);
    assertThat(load(key, OPENAI_PROJECT_KEY).reveal()).isEqualTo(OPENAI_PROJECT_KEY);
    assertThat(load(key, OPENAI_LEGACY_KEY).reveal()).isEqualTo(OPENAI_LEGACY_KEY);
  }

  @Test
  void openAiFormatRejectsAnAnthropicKeyWithoutShowingIt() {
    Problem p = onlyProblem(Var.secret("OPENAI_API_KEY").format(KeyFormat.OPENAI), ANTHROPIC_KEY);
    assertThat(p.code()).isEqualTo(Problem.MALFORMED);
    assertThat(p.text()).isEqualTo("override: OPENAI_API_KEY: is not an OpenAI API key (sk-... or sk-proj-...); "
        + "create one at platform.openai.com/api-keys");
  }

  @Test
  void anthropicFormatAcceptsAnthropicKeysOnly() {
    assertThat(KeyFormat.ANTHROPIC.matches(ANTHROPIC_KEY)).isTrue();
    assertThat(KeyFormat.ANTHROPIC.matches(OPENAI_PROJECT_KEY)).isFalse();
    assertThat(KeyFormat.OPENAI.matches("sk-proj-short")).isFalse();
  }

  @Test
  void namedFormatsAreFoundByName() {
    assertThat(KeyFormat.named("OpenAI")).contains(KeyFormat.OPENAI);
    assertThat(KeyFormat.named("jwt")).contains(KeyFormat.JWT);
    assertThat(KeyFormat.named("nope")).isEmpty();
    assertThat(KeyFormat.builtIn()).extracting(KeyFormat::name).doesNotHaveDuplicates().contains("openai",
        "anthropic", "llamacloud", "jwt");
  }

  @Test
  void customFormatSaysWhatItExpects() {
    KeyFormat hex = KeyFormat.of("hex", "[0-9a-f]{8}", "eight hex digits");
    Problem p = onlyProblem(Var.string("H").format(hex), "xyz");
    assertThat(p.text()).isEqualTo("override: H: is not eight hex digits: 'xyz'; set it to eight hex digits");
  }

  // --- pattern --------------------------------------------------------------------------------

  @Test
  void patternMustMatchTheWholeValue() {
    Var<String> slug = Var.string("SLUG").pattern("[a-z]+");
    assertThat(load(slug, "acme")).isEqualTo("acme");
    Problem p = onlyProblem(slug, "acme-1");
    assertThat(p.code()).isEqualTo(Problem.MALFORMED);
    assertThat(p.text()).isEqualTo("override: SLUG: does not match the pattern [a-z]+: 'acme-1' "
        + "(expected text matching [a-z]+); set a value that matches [a-z]+");
  }

  @Test
  void patternThatIsNotARegexFailsAtDeclaration() {
    assertThatThrownBy(() -> Var.string("S").pattern("[a-"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("S: pattern is not a valid regular expression: ");
  }

  // --- range, min, max ------------------------------------------------------------------------

  @Test
  void rangeIncludesBothEnds() {
    Var<Integer> mb = Var.integer("MAX_UPLOAD_MB").range(1, 100);
    assertThat(load(mb, "1")).isEqualTo(1);
    assertThat(load(mb, "100")).isEqualTo(100);
    assertThat(onlyProblem(mb, "0").code()).isEqualTo(Problem.OUT_OF_RANGE);
    Problem p = onlyProblem(mb, "101");
    assertThat(p.code()).isEqualTo(Problem.OUT_OF_RANGE);
    assertThat(p.text()).isEqualTo("override: MAX_UPLOAD_MB: is outside the range from 1 to 100: '101' "
        + "(expected a number from 1 to 100); set a number from 1 to 100");
  }

  @Test
  void minAndMaxBoundOneSide() {
    Problem low = onlyProblem(Var.longInteger("N").min(10), "9");
    assertThat(low.message()).isEqualTo("is outside the range of at least 10: '9'");
    assertThat(load(Var.longInteger("N").min(10), "99999999999")).isEqualTo(99999999999L);
    Problem high = onlyProblem(Var.port("P").max(1024), "8080");
    assertThat(high.message()).isEqualTo("is outside the range of at most 1024: '8080'");
  }

  @Test
  void rangeComparesDecimalsExactly() {
    Var<BigDecimal> ratio = Var.decimal("RATIO").range(0, 1);
    assertThat(load(ratio, "0.999")).isEqualByComparingTo("0.999");
    assertThat(onlyProblem(ratio, "1.001").code()).isEqualTo(Problem.OUT_OF_RANGE);
    assertThat(onlyProblem(Var.decimal("R").range(0.5, 1.5), "0.25").message())
        .isEqualTo("is outside the range from 0.5 to 1.5: '0.25'");
  }

  // --- length ---------------------------------------------------------------------------------

  @Test
  void lengthBoundsTheNumberOfCharacters() {
    Var<String> code = Var.string("CODE").length(2, 4);
    assertThat(load(code, "ab")).isEqualTo("ab");
    assertThat(load(code, "abcd")).isEqualTo("abcd");
    Problem p = onlyProblem(code, "abcde");
    assertThat(p.code()).isEqualTo(Problem.OUT_OF_RANGE);
    assertThat(p.text()).isEqualTo("override: CODE: is 5 characters long, outside 2 to 4: 'abcde' "
        + "(expected 2 to 4 characters); set a value of 2 to 4 characters");
    assertThat(onlyProblem(code, "a").message()).isEqualTo("is 1 character long, outside 2 to 4: 'a'");
  }

  @Test
  void minLengthOnASecretSaysTheLengthButNotTheValue() {
    Problem p = onlyProblem(Var.secret("JWT_SECRET").minLength(32), "too-short");
    assertThat(p.code()).isEqualTo(Problem.OUT_OF_RANGE);
    assertThat(p.text()).isEqualTo("override: JWT_SECRET: is 9 characters long, shorter than 32 "
        + "(expected at least 32 characters); set a value of at least 32 characters");
  }

  // --- schemes, httpsIn -----------------------------------------------------------------------

  @Test
  void schemesRestrictAUrl() {
    Var<java.net.URI> ws = Var.url("WS").schemes("wss", "HTTPS");
    assertThat(load(ws, "wss://rt.example.com").getScheme()).isEqualTo("wss");
    assertThat(load(ws, "https://rt.example.com").getScheme()).isEqualTo("https");
    Problem p = onlyProblem(ws, "ftp://rt.example.com");
    assertThat(p.code()).isEqualTo(Problem.MALFORMED);
    assertThat(p.text()).isEqualTo("override: WS: uses scheme ftp, not one of https, wss: 'ftp://rt.example.com' "
        + "(expected a URL with scheme https, wss); write the URL with https:// or wss://");
  }

  @Test
  void httpsInIsEnforcedOnlyInItsEnvironments() {
    Var<java.net.URI> api = Var.url("API_URL").httpsIn(Environment.PRODUCTION);
    assertThat(validate(api, "http://api.example.com", Environment.DEVELOPMENT).isValid()).isTrue();
    Problem p = onlyProblem(validate(api, "http://api.example.com", Environment.PRODUCTION));
    assertThat(p.code()).isEqualTo(Problem.INSECURE);
    assertThat(p.environment()).contains("production");
    assertThat(p.text()).isEqualTo("override: API_URL: uses http:// in production (expected a https:// URL); "
        + "change the URL to https://");
    assertThat(validate(api, "https://api.example.com", Environment.PRODUCTION).isValid()).isTrue();
  }

  @Test
  void httpsInAsksForWssInsteadOfWs() {
    Var<java.net.URI> rt = Var.uri("REALTIME_URL").httpsIn(Environment.PRODUCTION);
    assertThat(onlyProblem(rt, "ws://rt.example.com").text())
        .isEqualTo("override: REALTIME_URL: uses ws:// in production (expected a wss:// URL); change the URL to wss://");
    assertThat(validate(rt, "redis://cache:6379").isValid()).isTrue();
  }

  // --- custom checks --------------------------------------------------------------------------

  @Test
  void customCheckSeesTheParsedValue() {
    Var<Integer> size = Var.integer("BUFFER").check("is a multiple of 1024", n -> n % 1024 == 0);
    assertThat(load(size, "4096")).isEqualTo(4096);
    Problem p = onlyProblem(size, "1000");
    assertThat(p.code()).isEqualTo(Problem.MALFORMED);
    assertThat(p.text()).isEqualTo("override: BUFFER: fails the check: is a multiple of 1024: '1000' "
        + "(expected a value that is a multiple of 1024); set a value that is a multiple of 1024");
  }

  @Test
  void customCheckThatThrowsCountsAsFailed() {
    Var<String> s = Var.string("S").check("is short", v -> {
      throw new IllegalStateException("boom");
    });
    assertThat(onlyProblem(s, "x").message()).isEqualTo("fails the check: is short: 'x'");
  }

  @Test
  void everyFailingCheckIsReportedNotJustTheFirst() {
    Var<String> s = Var.string("S").pattern("[0-9]+").length(5, 10).check("starts with 9", v -> v.startsWith("9"));
    assertThat(validate(s, "abc").problems().all()).extracting(Problem::code)
        .containsExactlyInAnyOrder(Problem.MALFORMED, Problem.OUT_OF_RANGE, Problem.MALFORMED);
  }

  // --- declarations that do not fit the type --------------------------------------------------

  @Test
  void checksThatDoNotFitTheTypeFailAtDeclaration() {
    assertMisfit(() -> Var.url("U").range(1, 2), "U: a numeric range does not apply to a url variable");
    assertMisfit(() -> Var.string("S").min(1), "S: a numeric range does not apply to a string variable");
    assertMisfit(() -> Var.integer("N").length(1, 2), "N: a length limit does not apply to an integer variable");
    assertMisfit(() -> Var.port("P").format(KeyFormat.OPENAI), "P: a key format does not apply to a port variable");
    assertMisfit(() -> Var.url("U").format(KeyFormat.OPENAI), "U: a key format does not apply to a url variable");
    assertMisfit(() -> Var.string("S").schemes("https"), "S: a URL scheme rule does not apply to a string variable");
    assertMisfit(() -> Var.postgresUrl("DB").httpsIn(Environment.PRODUCTION),
        "DB: an https rule does not apply to a postgres-url variable");
    assertMisfit(() -> Var.email("E").range(1, 2), "E: a numeric range does not apply to an email variable");
    assertMisfit(() -> Var.oneOf("L", "a").minLength(1), "L: a length limit does not apply to an enum variable");
  }

  private static void assertMisfit(Supplier<Var<?>> declaration, String message) {
    assertThatThrownBy(declaration::get).isInstanceOf(IllegalStateException.class).hasMessage(message);
  }
}
