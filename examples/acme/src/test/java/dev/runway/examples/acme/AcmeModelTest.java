package dev.runway.examples.acme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.App;
import dev.runway.Runway;
import dev.runway.env.EnvSources;
import dev.runway.env.Environment;
import dev.runway.env.Var;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AcmeModelTest {
  private static final Path DIR = Path.of("").toAbsolutePath();

  @Test
  void runwayConfAndTheJavaDeclarationBuildEqualModels() {
    App fromHocon = Runway.load(DIR.resolve("runway.conf"));
    for (Var<?> v : Acme.SCHEMA.variables()) {
      assertThat(fromHocon.schema().variable(v.name())).as(v.name()).contains(v);
    }
    assertThat(fromHocon.services()).isEqualTo(Acme.APP.services());
    assertThat(fromHocon).isEqualTo(Acme.APP);
  }

  @Test
  void theShippedEnvFilesAreValid() {
    for (Environment e : new Environment[] {Environment.DEVELOPMENT, Environment.PRODUCTION}) {
      var validation = Acme.APP.validate(e, EnvSources.files(DIR));
      assertThat(validation.problems().all()).as(validation.toText()).isEmpty();
    }
  }

  @Test
  void productionLoadsTypedValues() {
    var env = Acme.SCHEMA.load(Environment.PRODUCTION, EnvSources.files(DIR));
    assertThat(env.get(Acme.PORT)).isEqualTo(10000);
    assertThat(env.get(Acme.DATABASE_URL).port()).isEqualTo(6543);
    assertThat(env.get(Acme.CORS_ORIGINS)).containsExactly("https://acme.example.com");
    assertThat(env.get(Acme.OPENAI_API_KEY).toString()).isEqualTo("****");
    assertThat(env.toString()).doesNotContain("EXAMPLEproductionKEY").doesNotContain("EXAMPLE-db-password");
  }
}
