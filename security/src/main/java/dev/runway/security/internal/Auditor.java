package dev.runway.security.internal;

import dev.runway.security.Fingerprints;

import dev.runway.App;
import dev.runway.base.AtomicFiles;
import dev.runway.base.InputFiles;
import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.base.Problems;
import dev.runway.base.RunwayException;
import dev.runway.Service;
import dev.runway.env.Dotenv;
import dev.runway.env.EnvSource;
import dev.runway.env.EnvSources;
import dev.runway.env.Environment;
import dev.runway.env.KeyFormat;
import dev.runway.env.RawValue;
import dev.runway.env.Var;
import tools.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;
import org.jspecify.annotations.Nullable;

/** The audit's checks; see {@link dev.runway.security.Audit} for what each finds. */
public final class Auditor {
  /**
   * Formats that mark a value as a credential wherever it appears. The shapes follow gitleaks'
   * public rule set (github.com/gitleaks/gitleaks, config/gitleaks.toml: openai-api-key,
   * anthropic-api-key, github-pat / github-fine-grained-pat, stripe-access-token, aws-access-token,
   * private-key, jwt) and live in {@link KeyFormat}, shared with validation. Left out on purpose:
   * {@link KeyFormat#VERCEL_TOKEN} (24 letters and digits match too much that is not a token) and
   * {@link KeyFormat#SUPABASE_PUBLISHABLE} (public by design). JWTs are judged by their role claim.
   */
  static final List<KeyFormat> CREDENTIALS = List.of(
      KeyFormat.OPENAI, KeyFormat.ANTHROPIC, KeyFormat.LLAMACLOUD, KeyFormat.SUPABASE_SECRET,
      KeyFormat.SUPABASE_ACCESS_TOKEN, KeyFormat.RENDER_API_KEY, KeyFormat.GITHUB_TOKEN,
      KeyFormat.STRIPE_SECRET, KeyFormat.AWS_ACCESS_KEY, KeyFormat.PRIVATE_KEY);

  /** The prefix Next.js inlines into the browser bundle. */
  static final String BROWSER_PREFIX = "NEXT_PUBLIC_";

  private static final Set<String> PLACEHOLDER_WORDS = Set.of(
      "secret", "password", "passwd", "test", "testing", "admin", "default", "none", "null", "nil", "todo",
      "tbd", "fixme", "key", "token", "apikey", "api_key", "api-key", "foo", "bar", "foobar", "abc", "abc123",
      "123456", "12345678", "qwerty", "letmein", "sample");
  private static final List<String> PLACEHOLDER_PARTS = List.of(
      "changeme", "change-me", "change_me", "replaceme", "replace-me", "replace_me", "xxx", "your-", "your_",
      "placeholder", "example", "dummy", "fake", "<", ">", "...", "insert-", "insert_");
  private static final Pattern DEBUG_NAME = Pattern.compile("(?i)(?:^|_)DEBUG(?:$|_)");
  private static final Pattern CORS_NAME = Pattern.compile("(?i)CORS|ALLOWED_ORIGINS|ALLOW_ORIGIN");
  private static final Pattern URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");
  private static final int MIN_SECRET_LENGTH = 16;
  private static final double MIN_ENTROPY_BITS = 3.0;

  private Auditor() {}

  public static Problems run(App app, Path dir, @Nullable Path config, List<Environment> selected,
      Function<Environment, EnvSources> sources, boolean git) {
    List<Problem> found = new ArrayList<>();
    DefaultOrigins defaults = DefaultOrigins.of(config);
    Map<Environment, Map<String, RawValue>> all = new LinkedHashMap<>();
    for (Environment e : app.environments()) {
      List<Problem> unreadable = new ArrayList<>();
      all.put(e, values(app, sources.apply(e), e, unreadable, defaults));
      if (selected.contains(e)) found.addAll(unreadable);
    }
    modelChecks(app, found);
    defaultChecks(app, defaults, found);
    for (Environment e : selected) {
      Map<String, RawValue> values = all.getOrDefault(e, Map.of());
      for (RawValue v : values.values()) valueChecks(app, e, v, found);
    }
    reuseChecks(app, selected, all, defaults, found);
    tempChecks(dir, git, found);
    if (git) fileChecks(app, dir, found);
    return Problems.of(found);
  }

  // --- values ------------------------------------------------------------------------------

  private static Map<String, RawValue> values(App app, EnvSources sources, Environment e, List<Problem> problems,
      DefaultOrigins defaults) {
    Map<String, RawValue> out = new LinkedHashMap<>();
    for (EnvSource layer : sources.layers()) {
      try {
        for (RawValue raw : layer.read(e, n -> Optional.ofNullable(out.get(n)).map(RawValue::text))) {
          out.put(raw.name(), raw);
        }
      } catch (RunwayException ex) {
        // An error, not a warning: the secrets in a file the audit cannot read are not audited at all.
        problems.add(Problem.error(Problem.MALFORMED, layer.describe(), "could not be read, so it was not audited ("
                + ex.getMessage() + ")")
            .withEnvironment(e.name()).withFix("fix the file or provide its key, then audit again"));
      }
    }
    for (Var<?> v : app.schema().variables()) {
      if (!out.containsKey(v.name())) {
        v.defaultTextIn(e).ifPresent(text -> out.put(v.name(), new RawValue(v.name(), text,
            defaults.of(v.name(), e).orElse(Origin.of("default")))));
      }
    }
    return out;
  }

  // --- the model ---------------------------------------------------------------------------

  private static void modelChecks(App app, List<Problem> found) {
    for (Var<?> v : app.schema().variables()) {
      List<String> browsers = browsersReached(app, v.name(), Optional.of(v));
      if (v.isSecret() && !browsers.isEmpty()) {
        found.add(Problem.error(Problem.LEAK, v.name(), "is SECRET but " + BROWSER_PREFIX
                + " puts it in the browser bundle of " + String.join(", ", browsers))
            .withFix("rename it without the " + BROWSER_PREFIX + " prefix and use it only on the server"));
      }
    }
  }

  /**
   * A key written into the model as a default is committed with runway.conf: any key-shaped default
   * is an error, any other real-looking default of a SECRET variable a warning. Each names the line
   * of the default; a key shows only its format's public prefix.
   */
  private static void defaultChecks(App app, DefaultOrigins defaults, List<Problem> found) {
    for (Var<?> v : app.schema().variables()) {
      Map<String, String> seen = new LinkedHashMap<>(); // one finding per default line and text
      Map<String, Origin> origins = new LinkedHashMap<>();
      Map<String, String> texts = new LinkedHashMap<>();
      for (Environment e : app.environments()) {
        Optional<String> text = v.defaultTextIn(e);
        if (text.isEmpty() || text.get().isBlank()) continue;
        Origin origin = defaults.of(v.name(), e).orElse(Origin.of("the model"));
        String key = origin + "\0" + text.get();
        seen.merge(key, e.name(), (a, b) -> a + ", " + b);
        origins.putIfAbsent(key, origin);
        texts.putIfAbsent(key, text.get());
      }
      for (String key : seen.keySet()) {
        String value = texts.get(key).strip();
        Origin origin = origins.get(key);
        Optional<String> credential = credential(value);
        if (credential.isPresent()) {
          found.add(Problem.error(Problem.LEAK, v.name(), "has " + credential.get() + " hard-coded as its default ("
                  + dev.runway.env.KeyMask.mask(value) + "), so the key is committed with the model")
              .withOrigin(origin)
              .withFix("remove the default, put the key in .env.<environment>.enc (runway encrypt) or the platform,"
                  + " and rotate it"));
        } else if (v.isSecret() && !isPlaceholder(value) && !isLocalOnly(value)) {
          found.add(Problem.warning(Problem.LEAK, v.name(), "is SECRET but has a default in the model, which is"
                  + " committed with it (the value is not shown)")
              .withOrigin(origin)
              .withFix("remove the default and set the value in .env.<environment>.enc (runway encrypt) or the platform"));
        }
      }
    }
  }

  /** A value that came from the model's default, not from a file or the process: never "reused". */
  private static boolean isDefault(RawValue raw, DefaultOrigins defaults) {
    return raw.origin().toString().equals("default") || raw.origin().path().filter(defaults::isModel).isPresent();
  }

  /** Where each variable's default is written in runway.conf: {@code variables.NAME.default} or {@code .defaults.<env>}. */
  static final class DefaultOrigins {
    private final @Nullable Config config;
    private final @Nullable Path file;

    private DefaultOrigins(@Nullable Config config, @Nullable Path file) {
      this.config = config;
      this.file = file;
    }

    static DefaultOrigins of(@Nullable Path file) {
      if (file == null || !Files.isRegularFile(file)) return new DefaultOrigins(null, null);
      try {
        return new DefaultOrigins(dev.runway.internal.HoconFiles.parse(file, "runway.conf"), file);
      } catch (RuntimeException e) {
        // The model was read from it already; failing again here only costs the line numbers.
        return new DefaultOrigins(null, null);
      }
    }

    boolean isModel(Path path) {
      return file != null && path.toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize());
    }

    Optional<Origin> of(String name, Environment e) {
      if (config == null) return Optional.empty();
      for (String path : List.of("variables." + name + ".defaults." + e.name(), "variables." + name + ".default")) {
        try {
          if (!config.hasPath(path)) continue;
          ConfigOrigin o = config.getValue(path).origin();
          if (o.filename() == null) continue;
          return Optional.of(o.lineNumber() > 0 ? Origin.file(Path.of(o.filename()), o.lineNumber())
              : Origin.file(Path.of(o.filename())));
        } catch (ConfigException ex) {
          // a path that is not an object on the way (an environment named like a setting): no line, no harm
        }
      }
      return Optional.empty();
    }
  }

  /** The browser-facing services (Next.js: Vercel, or framework = nextjs) a NEXT_PUBLIC_ variable reaches. */
  static List<String> browsersReached(App app, String name, Optional<Var<?>> v) {
    if (!name.startsWith(BROWSER_PREFIX)) return List.of();
    List<String> out = new ArrayList<>();
    for (Service s : app.services()) {
      boolean browser = s.platform().equals("vercel") || s.setting("framework").filter("nextjs"::equals).isPresent();
      if (browser && v.map(x -> x.reaches(s.name())).orElse(true)) out.add(s.name());
    }
    return out;
  }

  // --- one value ---------------------------------------------------------------------------

  private static void valueChecks(App app, Environment e, RawValue raw, List<Problem> found) {
    Optional<Var<?>> declared = app.schema().variable(raw.name());
    boolean secret = declared.map(Var::isSecret).orElse(false);
    String value = raw.text().strip();
    String env = e.name();
    List<String> browsers = browsersReached(app, raw.name(), declared);

    Optional<String> credential = credential(value);
    if (!value.isEmpty() && !browsers.isEmpty() && credential.isPresent()) {
      found.add(at(Problem.error(Problem.LEAK, raw.name(), "holds " + credential.get()
              + " and " + BROWSER_PREFIX + " puts it in the browser bundle of " + String.join(", ", browsers)), raw, env)
          .withFix(value.startsWith("eyJ") || value.startsWith("sb_secret_")
              ? "use the anon or publishable key in the browser; keep this key server-side, without " + BROWSER_PREFIX
              : "keep this key server-side, in a variable without " + BROWSER_PREFIX));
    } else if (!value.isEmpty() && !secret && credential.isPresent()) {
      found.add(at(Problem.error(Problem.LEAK, raw.name(), "holds " + credential.get() + " but is not classified SECRET"), raw, env)
          .withFix("declare it a secret (type = secret in runway.conf, Var.secret in Java) so it is masked and kept out of files"));
    } else if (!value.isEmpty() && !secret && isOtherJwt(value)) {
      found.add(at(Problem.warning(Problem.LEAK, raw.name(), "holds a JWT (a bearer credential) but is not classified SECRET"), raw, env)
          .withFix("declare it a secret unless the token is meant to be public"));
    }

    if (secret && !raw.text().isEmpty()) {
      if (isPlaceholder(value)) {
        found.add(at(Problem.warning(Problem.INSECURE, raw.name(), "is a placeholder, not a real secret"), raw, env)
            .withFix("set the real value (runway encrypt keeps it out of git)"));
      } else if (value.length() < MIN_SECRET_LENGTH) {
        found.add(at(Problem.warning(Problem.INSECURE, raw.name(), "is shorter than " + MIN_SECRET_LENGTH
                + " characters, too short for a secret"), raw, env)
            .withFix("use a long random value, for example: openssl rand -base64 32"));
      } else if (entropyBitsPerChar(value) < MIN_ENTROPY_BITS) {
        found.add(at(Problem.warning(Problem.INSECURE, raw.name(), "has low entropy (few distinct characters), easy to guess"), raw, env)
            .withFix("use a long random value, for example: openssl rand -base64 32"));
      }
    }

    if (e.equals(Environment.PRODUCTION)) productionChecks(raw, value, env, found);
  }

  private static void productionChecks(RawValue raw, String value, String env, List<Problem> found) {
    if (DEBUG_NAME.matcher(raw.name()).find() && isTrue(value)) {
      found.add(at(Problem.error(Problem.INSECURE, raw.name(), "turns debug on in production"), raw, env)
          .withFix("set " + raw.name() + "=false for production"));
    }
    List<String> items = List.of(value.split("[,\\s]+"));
    if (CORS_NAME.matcher(raw.name()).find() && items.contains("*")) {
      found.add(at(Problem.error(Problem.INSECURE, raw.name(), "allows every origin (*) in production"), raw, env)
          .withFix("list the exact origins, for example https://app.example.com"));
    }
    boolean localhost = false;
    boolean http = false;
    for (String item : items) {
      if (!URL.matcher(item).matches()) continue;
      Optional<URI> uri = parse(item);
      String host = uri.map(URI::getHost).orElse("");
      String scheme = uri.map(URI::getScheme).orElse("").toLowerCase(Locale.ROOT);
      if (isLocal(host)) localhost = true;
      else if (scheme.equals("http") || scheme.equals("ws")) http = true;
    }
    if (localhost) {
      found.add(at(Problem.error(Problem.INSECURE, raw.name(), "points at localhost in production"), raw, env)
          .withFix("set the production address of the service"));
    }
    if (http) {
      found.add(at(Problem.error(Problem.INSECURE, raw.name(), "uses http:// (unencrypted) in production"), raw, env)
          .withFix("use https:// (or wss://)"));
    }
  }

  // --- across environments -----------------------------------------------------------------

  private static void reuseChecks(App app, List<Environment> selected, Map<Environment, Map<String, RawValue>> all,
      DefaultOrigins defaults, List<Problem> found) {
    Fingerprints fp = Fingerprints.fresh();
    for (Var<?> v : app.schema().variables()) {
      if (!v.isSecret()) continue;
      Map<String, List<Environment>> byFingerprint = new LinkedHashMap<>();
      Map<Environment, RawValue> raws = new LinkedHashMap<>();
      all.forEach((e, values) -> {
        RawValue raw = values.get(v.name());
        if (raw == null || raw.text().isBlank() || isDefault(raw, defaults) || isPlaceholder(raw.text().strip())) return;
        byFingerprint.computeIfAbsent(fp.full(raw.text()), k -> new ArrayList<>()).add(e);
        raws.put(e, raw);
      });
      for (List<Environment> same : byFingerprint.values()) {
        if (same.size() < 2 || same.stream().noneMatch(selected::contains)) continue;
        Environment last = same.get(same.size() - 1);
        String names = String.join(" and ", same.stream().map(Environment::name).toList());
        Problem p = Problem.error(Problem.INSECURE, v.name(), "has the same value in " + names
                + " (compared by fingerprint, never by value)")
            .withFix("give each environment its own key, so a leaked development key cannot reach production");
        if (!same.contains(Environment.PRODUCTION)) p = p.withSeverity(Problem.Severity.WARNING);
        found.add(p.withOrigin(raws.get(last).origin()).withEnvironment(last.name()));
      }
    }
  }

  // --- files and git -----------------------------------------------------------------------

  private static void fileChecks(App app, Path dir, List<Problem> found) {
    List<Path> plain;
    try (Stream<Path> list = Files.list(dir)) {
      plain = list.filter(Auditor::isPlainEnvFile).sorted().toList();
    } catch (IOException e) {
      return;
    }
    if (plain.isEmpty()) return;
    Optional<Set<String>> tracked = git(dir, "ls-files", "-z", "--", ":(glob).env", ":(glob).env.*")
        .map(out -> new LinkedHashSet<>(List.of(out.split("\0"))));
    boolean docker = Files.exists(dir.resolve("Dockerfile")) || app.services().stream().anyMatch(s ->
        s.setting("docker-context").map(c -> dir.resolve(c).normalize().equals(dir.normalize())).orElse(false));
    for (Path file : plain) {
      Map<String, String> values;
      try {
        values = Dotenv.read(file, n -> Optional.empty()).values();
      } catch (RunwayException e) {
        continue; // the value checks report unreadable files of the environments they load
      }
      List<String> secrets = new ArrayList<>();
      List<String> real = new ArrayList<>();
      values.forEach((name, value) -> {
        boolean isSecret = app.schema().variable(name).map(Var::isSecret).orElse(false);
        if (value.isBlank() || !(isSecret || credential(value.strip()).isPresent())) return;
        secrets.add(name);
        if (!isPlaceholder(value.strip()) && !isLocalOnly(value.strip())) real.add(name);
      });
      if (secrets.isEmpty()) continue;
      String name = file.getFileName().toString();
      Origin origin = Origin.file(file);
      if (tracked.isPresent() && tracked.get().contains(name)) {
        if (!real.isEmpty()) {
          found.add(Problem.error(Problem.LEAK, name, "is tracked by git and holds secrets (" + String.join(", ", real) + ")")
              .withOrigin(origin)
              .withFix("run git rm --cached " + name + ", add it to .gitignore, rotate those keys,"
                  + " and commit " + name + ".enc instead (runway encrypt)"));
        } else {
          found.add(Problem.warning(Problem.LEAK, name, "is tracked by git; its secrets (" + String.join(", ", secrets)
                  + ") are placeholders or local-only now, but a real key written there would be committed")
              .withOrigin(origin)
              .withFix("commit " + name + ".enc instead (runway encrypt) and add " + name + " to .gitignore"));
        }
      } else if (tracked.isPresent() && git(dir, "check-ignore", "-q", "--", name).isEmpty()) {
        found.add(Problem.warning(Problem.LEAK, name, "holds secrets (" + String.join(", ", secrets)
                + ") and git does not ignore it, so the next git add would commit it")
            .withOrigin(origin)
            .withFix("add .env and .env.* to .gitignore, with !.env.*.enc to keep encrypted files"));
      }
      if (docker && !dockerIgnores(dir, name)) {
        found.add(Problem.warning(Problem.LEAK, name, "holds secrets (" + String.join(", ", secrets)
                + ") and .dockerignore does not exclude it, so docker build copies it into the image")
            .withOrigin(origin)
            .withFix("add .env and .env.* to .dockerignore"));
      }
    }
  }

  /** Temporary files of atomic writes that a kill -9 left: they may hold a plain copy of an env file. */
  private static void tempChecks(Path dir, boolean git, List<Problem> found) {
    List<Path> temps;
    try (Stream<Path> list = Files.list(dir)) {
      temps = list.filter(p -> AtomicFiles.isTemporary(p) && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
          .sorted().toList();
    } catch (IOException e) {
      return;
    }
    for (Path p : temps) {
      String name = p.getFileName().toString();
      boolean ignored = !git || git(dir, "check-ignore", "-q", "--", name).isPresent() || git(dir, "rev-parse").isEmpty();
      found.add(Problem.warning(Problem.LEAK, name, "is a temporary file left by an interrupted write and may hold a"
              + " plain copy of the file being written" + (ignored ? "" : "; git does not ignore it"))
          .withOrigin(Origin.file(p))
          .withFix("delete it (the next write of the same file removes it too)"
              + (ignored ? "" : ", and add " + AtomicFiles.TEMP_PREFIX + "* to .gitignore")));
    }
  }

  static boolean isPlainEnvFile(Path p) {
    String n = p.getFileName().toString();
    if (!Files.isRegularFile(p)) return false;
    if (!n.equals(".env") && !n.startsWith(".env.")) return false;
    return !n.endsWith(".enc") && !n.endsWith(".example") && !n.endsWith(".sample") && !n.endsWith(".template")
        && !n.endsWith(".dist") && !n.endsWith(".defaults");
  }

  /** .dockerignore semantics, simplified: globs on the path from the context root, later lines win, ! negates. */
  static boolean dockerIgnores(Path dir, String name) {
    Path ignore = dir.resolve(".dockerignore");
    if (!Files.exists(ignore)) return false;
    List<String> lines;
    try {
      lines = List.of(InputFiles.readText(ignore, ".dockerignore").split("\r?\n"));
    } catch (RunwayException e) {
      return false;
    }
    boolean ignored = false;
    Path path = Path.of(name);
    for (String line : lines) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) continue;
      boolean negate = l.startsWith("!");
      if (negate) l = l.substring(1).strip();
      if (l.startsWith("/")) l = l.substring(1);
      if (l.startsWith("**/")) l = l.substring(3);
      try {
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + l);
        if (m.matches(path)) ignored = !negate;
      } catch (IllegalArgumentException e) {
        // a pattern Java's glob does not understand: ignore the line
      }
    }
    return ignored;
  }

  /** Runs git in {@code dir}; its standard output when it exits 0, empty otherwise (not a repository, no git, timeout). */
  static Optional<String> git(Path dir, String... args) {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.add("-C");
    command.add(dir.toString());
    command.addAll(List.of(args));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File(isWindows() ? "NUL" : "/dev/null"))).start();
    } catch (IOException e) {
      return Optional.empty();
    }
    try (InputStream in = process.getInputStream()) {
      byte[] out = in.readNBytes(1 << 20);
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      return process.exitValue() == 0 ? Optional.of(new String(out, StandardCharsets.UTF_8)) : Optional.empty();
    } catch (IOException e) {
      process.destroyForcibly();
      return Optional.empty();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
  }

  // --- value shapes ------------------------------------------------------------------------

  /** What credential the value is, in words ("an OpenAI API key (sk-... or sk-proj-...)"), if any. */
  static Optional<String> credential(String value) {
    if (value.isEmpty()) return Optional.empty();
    for (KeyFormat f : CREDENTIALS) if (f.matches(value)) return Optional.of(f.description());
    if (KeyFormat.JWT.matches(value)) {
      Optional<String> role = jwtRole(value);
      if (role.filter("service_role"::equals).isPresent()) {
        return Optional.of("a Supabase service_role key (a JWT with role service_role, which bypasses row-level security)");
      }
    }
    return Optional.empty();
  }

  /** A JWT that is neither a Supabase public (anon/authenticated) key nor a service_role key. */
  static boolean isOtherJwt(String value) {
    if (!KeyFormat.JWT.matches(value)) return false;
    Optional<String> role = jwtRole(value);
    return role.isEmpty() || !(role.get().equals("anon") || role.get().equals("authenticated") || role.get().equals("service_role"));
  }

  /** The JWT's {@code role} claim, read without verifying the signature (we only classify). */
  static Optional<String> jwtRole(String jwt) {
    String[] parts = jwt.split("\\.");
    if (parts.length < 2) return Optional.empty();
    try {
      byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
      JsonNode node = JsonMapper.shared().readTree(payload);
      JsonNode role = node.get("role");
      return role != null && role.isString() ? Optional.of(role.asString()) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  static boolean isPlaceholder(String value) {
    String l = value.toLowerCase(Locale.ROOT);
    if (l.isEmpty()) return false;
    if (PLACEHOLDER_WORDS.contains(l)) return true;
    if (l.chars().distinct().count() == 1) return true;
    for (String part : PLACEHOLDER_PARTS) if (l.contains(part)) return true;
    return false;
  }

  /** A URL that points at this machine only (the Supabase CLI's local database, say): not a real secret. */
  static boolean isLocalOnly(String value) {
    if (!URL.matcher(value).matches()) return false;
    return parse(value).map(URI::getHost).filter(Auditor::isLocal).isPresent();
  }

  static double entropyBitsPerChar(String value) {
    Map<Integer, Integer> counts = new LinkedHashMap<>();
    value.codePoints().forEach(c -> counts.merge(c, 1, Integer::sum));
    double n = value.codePointCount(0, value.length());
    double h = 0;
    for (int c : counts.values()) {
      double p = c / n;
      h -= p * (Math.log(p) / Math.log(2));
    }
    return h;
  }

  private static boolean isTrue(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      default -> false;
    };
  }

  private static boolean isLocal(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.") || h.equals("0.0.0.0")
        || h.equals("[::1]") || h.equals("::1") || h.equals("host.docker.internal");
  }

  private static Optional<URI> parse(String text) {
    try {
      return Optional.of(new URI(text));
    } catch (java.net.URISyntaxException e) {
      return Optional.empty();
    }
  }

  private static Problem at(Problem p, RawValue raw, String environment) {
    return p.withOrigin(raw.origin()).withEnvironment(environment);
  }

}
