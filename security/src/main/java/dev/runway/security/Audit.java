package dev.runway.security;

import dev.runway.App;
import dev.runway.env.EnvSources;
import dev.runway.env.Environment;
import dev.runway.security.internal.Auditor;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The secret audit of an app: its model, its env files and its git repository. Every finding is a
 * {@link dev.runway.base.Problem} with a severity, the origin of the offending value ({@code file:line}),
 * and the fix; no finding ever shows a value.
 *
 * <p>What it finds (codes in brackets):
 *
 * <ul>
 *   <li>[LEAK] a SECRET variable that reaches a browser ({@code NEXT_PUBLIC_*} on a Vercel
 *       service), or a browser-exposed variable holding a secret value: a Supabase
 *       {@code service_role} JWT (found by its {@code role} claim), an {@code sb_secret_} key, any
 *       known key format;
 *   <li>[LEAK] a value shaped like a known key (OpenAI, Anthropic, GitHub, Stripe, AWS, Supabase,
 *       Render, LlamaCloud, a private key block; shapes after gitleaks' public rule set) in a
 *       variable not classified SECRET;
 *   <li>[INSECURE] placeholder ({@code changeme}, {@code xxx}, {@code <your-key>}, {@code EXAMPLE}),
 *       short (under 16 characters) or low-entropy secrets — warnings;
 *   <li>[INSECURE] insecure production settings: debug flags on, {@code *} CORS origins,
 *       {@code http://} or localhost URLs;
 *   <li>[INSECURE] the same secret value in two environments, compared by salted fingerprint;
 *   <li>[LEAK] a key-shaped value hard-coded as a variable's {@code default} in runway.conf (an
 *       error, at {@code runway.conf:line}, the key masked to its public prefix), or any real-looking
 *       default of a SECRET variable (a warning): the model is committed, so the key is too;
 *   <li>[LEAK] plain {@code .env*} files holding secrets that git tracks, or that
 *       {@code .gitignore} / {@code .dockerignore} do not exclude.
 * </ul>
 *
 * <pre>{@code
 * AuditReport report = Audit.of(app).dir(Path.of(".")).environments(Environment.PRODUCTION).run();
 * System.out.println(report.toText());
 * System.exit(report.hasErrors() ? 1 : 0);
 * }</pre>
 *
 * <p>Immutable: each method returns a copy. {@link #run()} never throws for what it finds; a layer
 * that cannot be read (an encrypted file without its key) becomes a warning.
 */
public final class Audit {
  private final App app;
  private final Path dir;
  private final List<Environment> environments;
  private final Function<Environment, EnvSources> sources;
  private final boolean git;
  private final @Nullable Path config;

  private Audit(App app, Path dir, List<Environment> environments, Function<Environment, EnvSources> sources,
      boolean git, @Nullable Path config) {
    this.app = app;
    this.dir = dir;
    this.environments = environments;
    this.sources = sources;
    this.git = git;
    this.config = config;
  }

  /** An audit of every environment of the app, reading env files from the current folder. */
  public static Audit of(App app) {
    Objects.requireNonNull(app, "app");
    Path here = Path.of(".");
    return new Audit(app, here, List.of(), e -> EnvSources.files(here), true, null);
  }

  /**
   * The project folder: where the env files are ({@code .env}, {@code .env.<environment>},
   * {@code .env.<environment>.enc}) and where git is asked. The process environment is not read:
   * the audit is of what the project holds.
   */
  public Audit dir(Path value) {
    Objects.requireNonNull(value, "value");
    return new Audit(app, value, environments, e -> EnvSources.files(value), git, config);
  }

  /** Only these environments (every environment is still compared for reused secrets). */
  public Audit environments(Environment... values) {
    return new Audit(app, dir, Arrays.asList(values), sources, git, config);
  }

  /** Other sources per environment than the project folder's files. */
  public Audit sources(Function<Environment, EnvSources> value) {
    return new Audit(app, dir, environments, Objects.requireNonNull(value, "value"), git, config);
  }

  /** Whether to ask git which env files it tracks or ignores (default: yes, when git is installed). */
  public Audit git(boolean value) {
    return new Audit(app, dir, environments, sources, value, config);
  }

  /**
   * The file the model was read from, so that a finding in the model (a key hard-coded as a default)
   * names its line, {@code runway.conf:12} (default: {@code runway.conf} in {@link #dir}, when it
   * exists).
   */
  public Audit config(Path value) {
    return new Audit(app, dir, environments, sources, git, Objects.requireNonNull(value, "value"));
  }

  /** Runs every check. */
  public AuditReport run() {
    List<Environment> selected = environments.isEmpty() ? app.environments() : environments;
    Path model = config != null ? config : dir.resolve("runway.conf");
    return new AuditReport(selected, Auditor.run(app, dir, model, selected, sources, git));
  }
}
