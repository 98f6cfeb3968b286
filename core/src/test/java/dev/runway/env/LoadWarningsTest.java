package dev.runway.env;

import static dev.runway.env.Environment.PRODUCTION;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.base.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Warnings found while loading (a typo'd name in a .env file) are logged once and kept on the Env. */
class LoadWarningsTest {
  private static final Var<Integer> PORT = Var.port("PORT").defaultValue(10000);
  private static final Var<Secret> API_KEY = Var.secret("API_KEY").optional();
  private static final EnvSchema SCHEMA = EnvSchema.of(PORT, API_KEY);

  private final Logger logger = (Logger) LoggerFactory.getLogger(EnvSchema.class);
  private final ListAppender<ILoggingEvent> events = new ListAppender<>();
  @TempDir Path dir;

  @BeforeEach
  void capture() {
    events.start();
    logger.addAppender(events);
  }

  @AfterEach
  void release() {
    logger.detachAppender(events);
  }

  private Path dotenv(String text) throws Exception {
    Path file = dir.resolve(".env");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void aTypoedNameInADotenvFileIsLoggedOnceAsAWarningWithItsFileAndLine() throws Exception {
    Path file = dotenv("# ports\nPORTT=8080\nAPI_KEY_OLD=EXAMPLE-not-a-real-key-1234\n");

    SCHEMA.load(PRODUCTION, EnvSources.of(EnvSources.dotenv(file)));

    assertThat(events.list).singleElement().satisfies(e -> {
      assertThat(e.getLevel()).isEqualTo(Level.WARN);
      assertThat(e.getFormattedMessage()).isEqualTo("production: loaded with 2 warnings (Env.warnings() lists them):\n"
          + "  " + file + ":2: PORTT: is not declared in the schema; did you mean PORT? rename it\n"
          + "  " + file + ":3: API_KEY_OLD: is not declared in the schema; declare it in the schema, or remove it from the file");
      assertThat(e.getFormattedMessage()).doesNotContain("8080").doesNotContain("EXAMPLE-not-a-real-key");
    });
  }

  @Test
  void theLoadedEnvListsItsWarnings() throws Exception {
    Path file = dotenv("PORTT=8080\n");

    Env env = SCHEMA.load(PRODUCTION, EnvSources.of(EnvSources.dotenv(file)));

    assertThat(env.warnings()).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo(Problem.UNKNOWN);
      assertThat(p.subject()).isEqualTo("PORTT");
      assertThat(p.origin()).contains(Origin.file(file, 1));
      assertThat(p.isError()).isFalse();
    });
    assertThat(env.get(PORT)).isEqualTo(10000);
  }

  @Test
  void eachLoadCallLogsItsOwnWarningsOnceAndValidateLogsNothing() throws Exception {
    Path file = dotenv("PORTT=8080\n");
    EnvSources sources = EnvSources.of(EnvSources.dotenv(file));

    SCHEMA.validate(PRODUCTION, sources);
    assertThat(events.list).isEmpty();

    SCHEMA.load(PRODUCTION, sources);
    SCHEMA.load(PRODUCTION, sources);
    assertThat(events.list).hasSize(2);
  }

  @Test
  void aCleanLoadLogsNothingAndHasNoWarnings() {
    Env env = SCHEMA.load(PRODUCTION, EnvSources.none());

    assertThat(env.warnings()).isEmpty();
    assertThat(events.list).isEmpty();
  }

  @Test
  void aRulesWarningIsLoggedByNameAndCodeWithoutItsMessageWhichMayQuoteAValue() {
    Rule quotesTheValue = env -> List.of(Problem.warning("ODD_PORT", "PORT", "is an odd choice: "
        + env.get(PORT)).withOrigin(Origin.of("override")));
    EnvSchema schema = SCHEMA.rule(quotesTheValue);

    Env env = schema.load(PRODUCTION, EnvSources.none().withOverrides(java.util.Map.of("PORT", "4321")));

    assertThat(env.warnings()).extracting(Problem::message).containsExactly("is an odd choice: 4321");
    assertThat(events.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).isEqualTo(
        "production: loaded with 1 warning (Env.warnings() lists them):\n"
            + "  override: PORT: ODD_PORT warning");
  }

  @Test
  void validationsEnvCarriesTheWarningsToo() throws Exception {
    Path file = dotenv("PORTT=8080\n");

    Validation v = SCHEMA.validate(PRODUCTION, EnvSources.of(EnvSources.dotenv(file)));

    assertThat(v.env().orElseThrow().warnings()).isEqualTo(v.problems().warnings());
  }
}
