package dev.runway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.runway.App;
import dev.runway.base.Problem;
import dev.runway.Runway;
import dev.runway.env.Environment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTest {
  // Key-shaped values are put together at run time so that no scanner mistakes this file for a leak.
  static final String OPENAI_PROD = "sk-" + "proj-" + "Qm7Lk2Vx9Rt4Wz8Np3Hs6Jd1Fg5Bc0Ay";
  static final String OPENAI_DEV = "sk-" + "proj-" + "Zt4Yq8Mn2Lp6Kc9Vb3Xw7Rd5Hs1Gf0Ja";
  static final String ANTHROPIC_SHARED = "sk-" + "ant-" + "api03-" + "Hq3Mz8Lw2Nv7Kx5Tb9Rc4Yp1Fd6Gs0Ja";
  static final String ANTHROPIC_DEV = "sk-" + "ant-" + "api03-" + "Pw9Xc2Vb7Nm4Lk8Jh3Gf6Ds1Az5Qe0Rt";
  static final String GITHUB = "gh" + "p_" + "R8fK2mQ9xL4vT7nW3pZ6sH1jD5cB0aY8eU2i";
  static final String AWS = "AK" + "IA" + "Q3EGRZ7TLJ5M2WXY";
  static final String SERVICE_ROLE = jwt("{\"iss\":\"supabase\",\"ref\":\"qwertyuiopasdfgh\",\"role\":\"service_role\"}");
  static final String ANON = jwt("{\"iss\":\"supabase\",\"ref\":\"qwertyuiopasdfgh\",\"role\":\"anon\"}");

  static final String MODEL = """
      app = planted
      services {
        api { platform = render, runtime = docker, docker-context = "." }
        web { platform = vercel, framework = nextjs }
      }
      variables {
        OPENAI_API_KEY { type = secret, targets = [api] }
        ANTHROPIC_API_KEY { type = secret, targets = [api] }
        SESSION_SECRET { type = secret, required = false, targets = [api] }
        JWT_SIGNING_SECRET { type = secret, required = false, targets = [api] }
        WEBHOOK_SECRET { type = secret, required = false, targets = [api] }
        NEXT_PUBLIC_STRIPE_SECRET { type = secret, required = false, targets = [web] }
        NEXT_PUBLIC_SUPABASE_ANON_KEY { type = string, sensitivity = public, targets = [web] }
        NEXT_PUBLIC_SITE_URL { type = url, sensitivity = public, targets = [web] }
        GITHUB_TOKEN { type = string, required = false, targets = [api] }
        AWS_ACCESS_KEY_ID { type = string, required = false, targets = [api] }
        DEBUG { type = boolean, default = false, targets = [api] }
        CORS_ORIGINS { type = list, default = "https://app.acme.dev", targets = [api] }
        API_URL { type = url, required = false, targets = [api] }
        REDIS_URL { type = uri, required = false, targets = [api] }
      }
      """;

  @TempDir Path dir;

  static String jwt(String payload) {
    Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
    return b.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJlLW9mLXRoZS10b2tlbg";
  }

  private App app(String model) throws IOException {
    Path conf = dir.resolve("runway.conf");
    Files.writeString(conf, model);
    return Runway.load(conf);
  }

  private void write(String name, String... lines) throws IOException {
    Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
  }

  private static boolean git(Path dir, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return false;
    }
    p.getInputStream().readAllBytes();
    return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  @Test
  void findsEveryPlantedProblemAndNothingElse() throws Exception {
    Assumptions.assumeTrue(git(dir, "init", "-q"), "git is not installed: the git checks cannot run");
    App app = app(MODEL);
    write(".env.production",
        "OPENAI_API_KEY=" + OPENAI_PROD,
        "ANTHROPIC_API_KEY=" + ANTHROPIC_SHARED,
        "SESSION_SECRET=changeme",
        "JWT_SIGNING_SECRET=k8Q2z",
        "WEBHOOK_SECRET=abababababababababababab",
        "NEXT_PUBLIC_SUPABASE_ANON_KEY=" + SERVICE_ROLE,
        "NEXT_PUBLIC_SITE_URL=https://acme.dev",
        "GITHUB_TOKEN=" + GITHUB,
        "AWS_ACCESS_KEY_ID=" + AWS,
        "DEBUG=true",
        "CORS_ORIGINS=https://acme.dev,*",
        "API_URL=http://api.acme.dev",
        "REDIS_URL=redis://localhost:6379");
    write(".env.development",
        "OPENAI_API_KEY=" + OPENAI_DEV,
        "ANTHROPIC_API_KEY=" + ANTHROPIC_SHARED,
        "NEXT_PUBLIC_SUPABASE_ANON_KEY=" + ANON,
        "NEXT_PUBLIC_SITE_URL=http://localhost:3000",
        "DEBUG=true");
    write("Dockerfile", "FROM scratch");
    assertThat(git(dir, "add", ".env.production")).isTrue();

    AuditReport report = Audit.of(app).dir(dir).run();

    String prod = dir.resolve(".env.production").toString();
    assertThat(report.problems().all())
        .extracting(Problem::code, Problem::subject, Problem::severity, p -> p.origin().map(Object::toString).orElse(""))
        .containsExactlyInAnyOrder(
            tuple("LEAK", "NEXT_PUBLIC_STRIPE_SECRET", Problem.Severity.ERROR, ""),
            tuple("INSECURE", "SESSION_SECRET", Problem.Severity.WARNING, prod + ":3"),
            tuple("INSECURE", "JWT_SIGNING_SECRET", Problem.Severity.WARNING, prod + ":4"),
            tuple("INSECURE", "WEBHOOK_SECRET", Problem.Severity.WARNING, prod + ":5"),
            tuple("LEAK", "NEXT_PUBLIC_SUPABASE_ANON_KEY", Problem.Severity.ERROR, prod + ":6"),
            tuple("LEAK", "GITHUB_TOKEN", Problem.Severity.ERROR, prod + ":8"),
            tuple("LEAK", "AWS_ACCESS_KEY_ID", Problem.Severity.ERROR, prod + ":9"),
            tuple("INSECURE", "DEBUG", Problem.Severity.ERROR, prod + ":10"),
            tuple("INSECURE", "CORS_ORIGINS", Problem.Severity.ERROR, prod + ":11"),
            tuple("INSECURE", "API_URL", Problem.Severity.ERROR, prod + ":12"),
            tuple("INSECURE", "REDIS_URL", Problem.Severity.ERROR, prod + ":13"),
            tuple("INSECURE", "ANTHROPIC_API_KEY", Problem.Severity.ERROR, prod + ":2"),
            tuple("LEAK", ".env.production", Problem.Severity.ERROR, prod),
            tuple("LEAK", ".env.production", Problem.Severity.WARNING, prod),
            tuple("LEAK", ".env.development", Problem.Severity.WARNING, dir.resolve(".env.development").toString()),
            tuple("LEAK", ".env.development", Problem.Severity.WARNING, dir.resolve(".env.development").toString()));
    assertThat(report.hasErrors()).isTrue();
  }

  @Test
  void messagesNameTheProblemAndTheFixWordForWord() throws Exception {
    Assumptions.assumeTrue(git(dir, "init", "-q"), "git is not installed: the git checks cannot run");
    App app = app(MODEL);
    write(".env.production", "NEXT_PUBLIC_SUPABASE_ANON_KEY=" + SERVICE_ROLE, "ANTHROPIC_API_KEY=" + ANTHROPIC_SHARED,
        "OPENAI_API_KEY=" + OPENAI_PROD, "NEXT_PUBLIC_SITE_URL=https://acme.dev");
    write(".env.development", "ANTHROPIC_API_KEY=" + ANTHROPIC_SHARED);
    assertThat(git(dir, "add", ".env.production")).isTrue();
    String text = Audit.of(app).dir(dir).environments(Environment.PRODUCTION).run().toText();
    String prod = dir.resolve(".env.production").toString();
    String dev = dir.resolve(".env.development").toString();
    assertThat(text).isEqualTo(String.join("\n",
        "audit of production: 4 errors, 3 warnings",
        "  warning LEAK " + dev + ": .env.development: holds secrets (ANTHROPIC_API_KEY) and git does not ignore it,"
            + " so the next git add would commit it; add .env and .env.* to .gitignore, with !.env.*.enc to keep"
            + " encrypted files",
        "  warning LEAK " + dev + ": .env.development: holds secrets (ANTHROPIC_API_KEY) and .dockerignore does not"
            + " exclude it, so docker build copies it into the image; add .env and .env.* to .dockerignore",
        "  error   LEAK " + prod + ": .env.production: is tracked by git and holds secrets (NEXT_PUBLIC_SUPABASE_ANON_KEY,"
            + " ANTHROPIC_API_KEY, OPENAI_API_KEY); run git rm --cached .env.production, add it to .gitignore, rotate"
            + " those keys, and commit .env.production.enc instead (runway encrypt)",
        "  warning LEAK " + prod + ": .env.production: holds secrets (NEXT_PUBLIC_SUPABASE_ANON_KEY, ANTHROPIC_API_KEY,"
            + " OPENAI_API_KEY) and .dockerignore does not exclude it, so docker build copies it into the image;"
            + " add .env and .env.* to .dockerignore",
        "  error   LEAK " + prod + ":1: NEXT_PUBLIC_SUPABASE_ANON_KEY: holds a Supabase service_role key (a JWT with"
            + " role service_role, which bypasses row-level security) and NEXT_PUBLIC_ puts it in the browser bundle of"
            + " web; use the anon or publishable key in the browser; keep this key server-side, without NEXT_PUBLIC_",
        "  error   INSECURE " + prod + ":2: ANTHROPIC_API_KEY: has the same value in development and production"
            + " (compared by fingerprint, never by value); give each environment its own key, so a leaked development"
            + " key cannot reach production",
        "  error   LEAK NEXT_PUBLIC_STRIPE_SECRET: is SECRET but NEXT_PUBLIC_ puts it in the browser bundle of web;"
            + " rename it without the NEXT_PUBLIC_ prefix and use it only on the server"));
    assertThat(text).doesNotContain(SERVICE_ROLE, ANTHROPIC_SHARED, OPENAI_PROD);
  }

  @Test
  void findsNothingInACleanApp() throws Exception {
    boolean hasGit = git(dir, "init", "-q");
    write(".gitignore", ".env", ".env.*", "!.env.*.enc");
    write(".dockerignore", ".env*");
    write("Dockerfile", "FROM scratch");
    write(".env.production",
        "OPENAI_API_KEY=" + OPENAI_PROD,
        "ANTHROPIC_API_KEY=" + ANTHROPIC_SHARED,
        "SESSION_SECRET=Zq8Lm3Xv7Np2Kc9Rt4Wb6Hd1Fs5Gj0Ay",
        "NEXT_PUBLIC_SUPABASE_ANON_KEY=" + ANON,
        "NEXT_PUBLIC_SITE_URL=https://acme.dev",
        "API_URL=https://api.acme.dev");
    write(".env.development",
        "OPENAI_API_KEY=" + OPENAI_DEV,
        "ANTHROPIC_API_KEY=" + ANTHROPIC_DEV,
        "NEXT_PUBLIC_SUPABASE_ANON_KEY=" + ANON,
        "NEXT_PUBLIC_SITE_URL=http://localhost:3000",
        "DEBUG=true");
    String clean = MODEL.replace("NEXT_PUBLIC_STRIPE_SECRET { type = secret, required = false, targets = [web] }", "");
    AuditReport report = Audit.of(app(clean)).dir(dir).git(hasGit).run();
    assertThat(report.problems().all()).isEmpty();
    assertThat(report.isClean()).isTrue();
    assertThat(report.toText()).isEqualTo("audit of development, preview, production: clean");
  }

  @Test
  void anEncryptedFileWithoutItsKeyIsAnErrorNotACrash() throws Exception {
    App app = app(MODEL.replace("NEXT_PUBLIC_STRIPE_SECRET { type = secret, required = false, targets = [web] }", ""));
    Files.writeString(dir.resolve(".env.production.enc"), EnvCrypto.encrypt(Map.of("OPENAI_API_KEY", OPENAI_PROD), EnvKey.generate()));
    AuditReport report = Audit.of(app).dir(dir).git(false).environments(Environment.PRODUCTION)
        .sources(e -> dev.runway.env.EnvSources.of(EnvCrypto.layer(dir, x -> Optional.empty()))).run();
    assertThat(report.hasErrors()).as("its secrets went unaudited").isTrue();
    assertThat(report.problems().all()).singleElement().satisfies(p -> {
      assertThat(p.severity()).isEqualTo(Problem.Severity.ERROR);
      assertThat(p.message()).startsWith("could not be read, so it was not audited (" + dir.resolve(".env.production.enc")
          + ": no key to decrypt it; set RUNWAY_KEY_PRODUCTION");
    });
  }

  @Test
  void theJsonReportCountsErrorsForCi() throws Exception {
    App app = app(MODEL);
    String json = Audit.of(app).dir(dir).git(false).environments(Environment.PRODUCTION).run().toJson();
    assertThat(json).contains("\"environments\" : [ \"production\" ]", "\"errors\" : 1", "\"warnings\" : 0",
        "\"code\" : \"LEAK\"", "\"subject\" : \"NEXT_PUBLIC_STRIPE_SECRET\"");
  }

  @Test
  void theExampleAppHasNoErrorsOnlyItsDocumentedPlaceholderWarnings() {
    Path acme = Path.of("..", "examples", "acme");
    Assumptions.assumeTrue(Files.exists(acme.resolve("runway.conf")), "the example app is not in this checkout");
    AuditReport report = Audit.of(Runway.load(acme.resolve("runway.conf"))).dir(acme).run();
    assertThat(report.problems().errors()).isEmpty();
    assertThat(report.problems().warnings()).allSatisfy(p -> assertThat(p.message())
        .matches("is a placeholder, not a real secret|is tracked by git; its secrets .*are placeholders or local-only now.*"));
  }

  @Test
  void aKeyHardCodedAsADefaultInRunwayConfIsReportedAtItsLineMasked() throws Exception {
    String model = """
        app = planted
        services { api { platform = render } }
        variables {
          STRIPE_KEY {
            type = secret
            default = "%s"
          }
          GITHUB_TOKEN { type = string, required = false, defaults { production = "%s" } }
          SESSION_SECRET { type = secret, required = false, default = "Zq8Lm3Xv7Np2Kc9Rt4Wb6Hd1Fs5Gj0Ay" }
          WEBHOOK_SECRET { type = secret, required = false, default = changeme }
        }
        """.formatted("sk_" + "live_" + "Qm7Lk2Vx9Rt4Wz8Np3Hs6Jd1", GITHUB);
    App app = app(model);
    String conf = dir.resolve("runway.conf").toString();
    AuditReport report = Audit.of(app).dir(dir).git(false).environments(Environment.PRODUCTION).run();
    String text = report.toText();
    assertThat(text).doesNotContain("Qm7Lk2Vx9Rt4Wz8Np3Hs6Jd1", GITHUB, "Zq8Lm3Xv7Np2Kc9Rt4Wb6Hd1Fs5Gj0Ay");
    assertThat(text.lines().toList()).contains(
        "  error   LEAK " + conf + ":6: STRIPE_KEY: has a Stripe secret key (sk_live_..., sk_test_...)"
            + " hard-coded as its default (sk_live_****), so the key is committed with the model; remove the default,"
            + " put the key in .env.<environment>.enc (runway encrypt) or the platform, and rotate it",
        "  warning LEAK " + conf + ":9: SESSION_SECRET: is SECRET but has a default in the model, which is committed"
            + " with it (the value is not shown); remove the default and set the value in .env.<environment>.enc"
            + " (runway encrypt) or the platform");
    assertThat(report.problems().all()).filteredOn(p -> p.subject().equals("GITHUB_TOKEN"))
        .extracting(p -> p.origin().map(Object::toString).orElse(""), Problem::message)
        .contains(tuple(conf + ":8", "has a GitHub token (ghp_..., github_pat_...) hard-coded as"
            + " its default (ghp_****), so the key is committed with the model"));
    assertThat(report.problems().all()).noneMatch(p -> p.subject().equals("WEBHOOK_SECRET")
        && p.message().contains("default in the model"));
  }

  @Test
  void aTemporaryFileLeftByAKilledWriteIsReported() throws Exception {
    App app = app(MODEL);
    write(".runway-tmp-.env.production.123", "OPENAI_API_KEY=" + OPENAI_PROD);
    AuditReport report = Audit.of(app).dir(dir).git(false).environments(Environment.PRODUCTION).run();
    assertThat(report.toText()).contains("  warning LEAK " + dir.resolve(".runway-tmp-.env.production.123")
        + ": .runway-tmp-.env.production.123: is a temporary file left by an interrupted write and may hold a plain"
        + " copy of the file being written; delete it (the next write of the same file removes it too)");
  }
}
