package dev.runway.vercel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.App;
import dev.runway.base.Problem;
import dev.runway.Runway;
import dev.runway.env.EnvSources;
import dev.runway.env.Environment;
import dev.runway.testkit.JsonSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VercelModelTest {
  private static final Path EXAMPLE = Path.of("../examples/acme/runway.conf");

  private static App example(String extra) throws Exception {
    return Runway.parse(Files.readString(EXAMPLE) + "\n" + extra, "runway.conf");
  }

  @Test
  void aSecretInANextPublicVariableOfTheExampleFailsValidationNamingTheVariableAndTheFix() throws Exception {
    App app = example("variables { NEXT_PUBLIC_OPENAI_API_KEY { type = secret, targets = [web] } }");
    var problems = app.validate(Environment.PRODUCTION, EnvSources.none()).problems();
    assertThat(problems.errors()).filteredOn(p -> p.code().equals(Problem.LEAK)).singleElement()
        .satisfies(p -> {
          assertThat(p.subject()).isEqualTo("NEXT_PUBLIC_OPENAI_API_KEY");
          assertThat(p.environment()).contains("production");
          assertThat(p.text()).isEqualTo("NEXT_PUBLIC_OPENAI_API_KEY: is a secret, but Next.js inlines NEXT_PUBLIC_ variables"
              + " into the browser bundle of Vercel service 'web', where every visitor can read it;"
              + " rename it to OPENAI_API_KEY and read it only on the server (API routes, server components),"
              + " or, if it is truly public, declare it sensitivity = public");
        });
  }

  @Test
  void theExampleAsShippedHasNoLeak() throws Exception {
    var problems = example("").validate(Environment.PRODUCTION, EnvSources.none()).problems();
    assertThat(problems.all()).noneMatch(p -> p.code().equals(Problem.LEAK));
  }

  @Test
  void aSecretNextPublicVariableThatReachesNoVercelServiceIsNotALeakHere() throws Exception {
    App app = example("variables { NEXT_PUBLIC_BACKEND_ONLY { type = secret, targets = [api] } }");
    var problems = app.validate(Environment.PRODUCTION, EnvSources.none()).problems();
    assertThat(problems.all()).noneMatch(p -> p.code().equals(Problem.LEAK));
  }

  @Test
  void generatesAVercelJsonFromTheModelThatValidatesAgainstTheVendorSchema() throws Exception {
    App app = example("""
        services.web {
          build-command = "next build"
          regions = [iad1]
          crons = [{ path = /api/keep-warm, schedule = "0 5 * * *" }]
          headers { "/(.*)" { X-Frame-Options = DENY } }
        }
        """);
    VercelConfig config = Vercel.config(app);
    assertThat(config.framework()).contains("nextjs");
    assertThat(config.buildCommand()).contains("next build");
    assertThat(config.regions()).containsExactly("iad1");
    assertThat(config.crons()).containsExactly(new VercelConfig.Cron("/api/keep-warm", "0 5 * * *"));
    assertThat(config.validate().isEmpty()).isTrue();
    assertThat(JsonSchemas.validateJson("vercel/vercel.json.schema.json", config.toJson())).isEmpty();
  }

  @Test
  void checkFindsAFileThatDisagreesWithTheModel(@TempDir Path dir) throws Exception {
    App app = example("");
    Path file = dir.resolve("vercel.json");
    Vercel.config(app).writeTo(file);
    assertThat(Vercel.check(app, file).isEmpty()).isTrue();
    Files.writeString(file, "{\n  \"framework\": \"vite\"\n}\n");
    assertThat(Vercel.check(app, file).toText()).isEqualTo("error   CONFLICT " + file
        + ":2: framework: is 'vite' in vercel.json, but runway.conf (services.web.framework) gives 'nextjs';"
        + " regenerate vercel.json from the model (`runway vercel generate`, or Vercel.config(app).writeTo(file) in Java),"
        + " or change services.web.framework in runway.conf");
    Files.writeString(file, "{\n  \"framework\": \n}\n");
    assertThat(Vercel.check(app, file).errors()).singleElement()
        .satisfies(p -> assertThat(p.code()).isEqualTo(Problem.MALFORMED));
  }
}
