package dev.runway.spring;

import static dev.runway.spring.TestApps.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** Start-up validation against classpath:runway.conf and the failure analysis of an invalid environment. */
@ExtendWith(OutputCaptureExtension.class)
class RunwayStartupValidationIT {
  private static final String SECRET = "not-an-openai-key-but-still-a-s3cr3t";
  private ConfigurableApplicationContext app;

  @BeforeEach
  void forget() {
    CapturingFailureAnalysisReporter.LAST.set(null);
  }

  @AfterEach
  void stop() {
    if (app != null) app.close();
  }

  @Test
  void startsWhenTheDetectedEnvironmentIsValid() {
    app = start(TestApps.Plain.class);

    assertThat(app.isActive()).isTrue();
    assertThat(CapturingFailureAnalysisReporter.LAST.get()).isNull();
  }

  @Test
  void refusesToStartWithOneFailureListingEveryProblem(CapturedOutput output) {
    assertThatThrownBy(() -> start(TestApps.Plain.class,
        "runway.environment=production", "OPENAI_API_KEY=" + SECRET, "WORKERS=0"))
        .hasRootCauseInstanceOf(dev.runway.spring.internal.EnvironmentInvalid.class);

    FailureAnalysis analysis = CapturingFailureAnalysisReporter.LAST.get();
    assertThat(analysis).isNotNull();
    assertThat(analysis.getDescription()).isEqualTo("""
        Runway validated the production environment against classpath:runway.conf and found it invalid, \
        so the application was not started.

        production: invalid (3 variables, 3 errors, 0 warnings)
          error   MALFORMED Spring property source 'defaultProperties': OPENAI_API_KEY: is not an OpenAI API key \
        (sk-... or sk-proj-...); create one at platform.openai.com/api-keys
          error   OUT_OF_RANGE Spring property source 'defaultProperties': WORKERS: is outside the range of at least 1: \
        '0' (expected a number of at least 1); set a number of at least 1
          error   MISSING DATABASE_URL: is missing in production (expected an absolute URL with a host, such as \
        https://api.example.com); add DATABASE_URL=<an absolute URL with a host, such as https://api.example.com> \
        to .env.production or the process environment""");
    assertThat(analysis.getAction()).isEqualTo("Fix each problem listed above (each names the variable, where its"
        + " value came from and what to write), then start the application again. Values are read from the .env"
        + " files in runway.env-dir, the process environment and Spring's property sources. To start without this"
        + " check, set runway.validate.enabled=false.");
    assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(SECRET);
    assertThat(output.getAll()).doesNotContain(SECRET);
  }

  @Test
  void namesAnUnknownEnvironmentAndTheOnesDeclared() {
    assertThatThrownBy(() -> start(TestApps.Plain.class, "runway.environment=prod"));

    FailureAnalysis analysis = CapturingFailureAnalysisReporter.LAST.get();
    assertThat(analysis).isNotNull();
    assertThat(analysis.getDescription()).isEqualTo("Runway stopped the start-up:\n\n"
        + "No environment named 'prod' (known: development, preview, production)");
  }

  @Test
  void startsWithoutValidatingWhenValidationIsOff() {
    app = start(TestApps.Plain.class, "runway.environment=production", "runway.validate.enabled=false");

    assertThat(app.isActive()).isTrue();
  }
}
