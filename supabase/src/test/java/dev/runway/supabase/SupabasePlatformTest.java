package dev.runway.supabase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.App;
import dev.runway.base.Problem;
import dev.runway.Runway;
import dev.runway.env.EnvSources;
import dev.runway.env.Environment;
import dev.runway.env.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example app, validated with a modified .env.production: the platform SPI reports both traps. */
class SupabasePlatformTest {
  static final Path EXAMPLE = Path.of(System.getProperty("runway.root", ".."), "examples", "acme");

  @TempDir Path dir;

  private Validation validateWith(String... replacements) throws IOException {
    Files.copy(EXAMPLE.resolve("runway.conf"), dir.resolve("runway.conf"));
    String env = Files.readString(EXAMPLE.resolve(".env.production"));
    for (int i = 0; i < replacements.length; i += 2) {
      assertThat(env).contains(replacements[i]);
      env = env.replace(replacements[i], replacements[i + 1]);
    }
    Files.writeString(dir.resolve(".env.production"), env);
    App app = Runway.load(dir.resolve("runway.conf"));
    return app.validate(Environment.PRODUCTION, EnvSources.files(dir));
  }

  private static List<Problem> supabaseProblems(Validation v) {
    return v.problems().all().stream()
        .filter(p -> p.code().equals(Problem.LEAK) || p.code().equals(ConnectionString.POOLER)).toList();
  }

  @Test
  void theUnmodifiedExampleHasNoSupabaseProblems() throws IOException {
    Validation v = validateWith();
    assertThat(supabaseProblems(v)).isEmpty();
  }

  @Test
  void aServiceRoleKeyInTheAnonVariableIsALeakWithTheFix() throws IOException {
    Validation v = validateWith(SupabaseKeyTest.ANON, SupabaseKeyTest.SERVICE_ROLE);
    List<Problem> leaks = supabaseProblems(v);
    assertThat(leaks).hasSize(1);
    Problem leak = leaks.get(0);
    assertThat(leak.code()).isEqualTo(Problem.LEAK);
    assertThat(leak.environment()).contains("production");
    assertThat(leak.origin().map(Object::toString).orElseThrow()).endsWith(".env.production:9");
    assertThat(leak.text()).endsWith(".env.production:9: NEXT_PUBLIC_SUPABASE_ANON_KEY: holds a service_role key, which"
        + " bypasses row-level security, and Next.js inlines NEXT_PUBLIC_ variables into the browser bundle, where every"
        + " visitor can read it (expected an anon key or an sb_publishable_ key); put the anon key here (Project Settings"
        + " > API Keys, 'anon public'), keep the service_role key in a server-only variable such as"
        + " SUPABASE_SERVICE_ROLE_KEY, and rotate the exposed key (Project Settings > JWT Keys)");
    assertThat(leak.text()).doesNotContain("EXAMPLE-not-a-real-signature");
    assertThat(v.isValid()).isFalse();
  }

  @Test
  void aTransactionModeDatabaseUrlWithoutPrepareThresholdIsReportedWithTheFix() throws IOException {
    Validation v = validateWith("&prepareThreshold=0", "");
    List<Problem> problems = supabaseProblems(v);
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo(ConnectionString.POOLER);
      assertThat(p.subject()).isEqualTo("DATABASE_URL");
      assertThat(p.origin().map(Object::toString).orElseThrow()).endsWith(".env.production:5");
      assertThat(p.fix().orElseThrow()).contains("add prepareThreshold=0 to the URL (postgresql://postgres.examplerefabcdefghij:****"
          + "@aws-0-us-west-1.pooler.supabase.com:6543/postgres?sslmode=require&prepareThreshold=0)");
      assertThat(p.text()).doesNotContain("EXAMPLE-db-password");
    });
    assertThat(v.isValid()).isFalse();
  }

  @Test
  void bothTrapsAreReportedAtOnce() throws IOException {
    Validation v = validateWith("&prepareThreshold=0", "", SupabaseKeyTest.ANON, SupabaseKeyTest.SERVICE_ROLE);
    assertThat(supabaseProblems(v)).extracting(Problem::code).containsExactlyInAnyOrder(Problem.LEAK, ConnectionString.POOLER);
    assertThat(v.toText()).doesNotContain("EXAMPLE-db-password").doesNotContain("signature-service");
  }

  @Test
  void anAnonKeyClassifiedSecretIsFine() throws IOException {
    Files.writeString(dir.resolve("runway.conf"), """
        app = t
        services { api { platform = render }, db { platform = supabase } }
        variables {
          SUPABASE_ANON_KEY { type = secret, targets = [api] }
          SUPABASE_KEY { type = secret, targets = [api] }
        }
        """);
    Files.writeString(dir.resolve(".env"), "SUPABASE_ANON_KEY=" + SupabaseKeyTest.ANON
        + "\nSUPABASE_KEY=" + SupabaseKeyTest.SERVICE_ROLE + "\n");
    App app = Runway.load(dir.resolve("runway.conf"));
    assertThat(Supabase.check(app, Environment.DEVELOPMENT, EnvSources.files(dir))).isEmpty();
  }

  @Test
  void anSbSecretKeyInAPublicVariableIsALeak() throws IOException {
    Files.writeString(dir.resolve("runway.conf"), """
        app = t
        services { web { platform = vercel } }
        variables {
          VITE_SUPABASE_KEY { type = string, sensitivity = public, targets = [web] }
        }
        """);
    Files.writeString(dir.resolve(".env"), "VITE_SUPABASE_KEY=sb_secret_abcdefghijklmnop\n");
    App app = Runway.load(dir.resolve("runway.conf"));
    List<Problem> problems = Supabase.check(app, Environment.DEVELOPMENT, EnvSources.files(dir));
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo(Problem.LEAK);
      assertThat(p.message()).isEqualTo("holds an sb_secret_ key, which bypasses row-level security, and the variable is"
          + " declared public, so it may reach a browser, where every visitor can read it");
      assertThat(p.text()).doesNotContain("abcdefghijklmnop");
    });
  }
}
