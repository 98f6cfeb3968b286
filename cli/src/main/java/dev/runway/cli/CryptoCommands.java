package dev.runway.cli;

import dev.runway.base.AtomicFiles;
import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import dev.runway.env.Dotenv;
import dev.runway.env.Environment;
import dev.runway.security.EnvCrypto;
import dev.runway.security.EnvKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code runway keygen | encrypt | decrypt | rotate}: {@code .env.<environment>} ↔
 * {@code .env.<environment>.enc}. Keys come from {@code RUNWAY_KEY_<ENV>} or a key file outside the
 * project, never from the repository; no command prints a value or a key.
 */
final class CryptoCommands {
  private CryptoCommands() {}

  /** The environment named by {@code --env}, or a one-line usage error (exit 2). */
  static Environment environment(String name) {
    try {
      return Environment.named(name);
    } catch (IllegalArgumentException e) {
      throw new RunwayException("--env: " + e.getMessage() + "; for example --env production");
    }
  }

  private static void warn(CommandSpec spec, java.util.List<String> warnings) {
    PrintWriter err = spec.commandLine().getErr();
    warnings.forEach(w -> err.println("runway: warning: " + w));
    err.flush();
  }

  /**
   * The model's options ({@link ModelOptions}) and the key: --env is required here (a key belongs
   * to one environment, so none is guessed), --env-dir defaults to the config's folder, and when
   * there is a model (--config, or ./runway.conf) the environment must be one it declares.
   */
  static final class KeyOptions {
    @Mixin ModelOptions model = new ModelOptions();

    @Option(names = "--app", paramLabel = "<name>",
        description = "The app the file belongs to: written in the file's header, checked when reading (default: not bound).")
    @Nullable String app;

    @Option(names = "--key-file", paramLabel = "<file>",
        description = "The key file (default: RUNWAY_KEY_<ENV>, else ~/.config/runway/keys/<env>.key).")
    @Nullable Path keyFile;

    private @Nullable Environment environment;

    Environment environment() {
      if (environment == null) environment = CryptoCommands.environment(model);
      return environment;
    }

    Path envDir() {
      return CryptoCommands.dir(model);
    }

    EnvCrypto.Binding binding() {
      EnvCrypto.Binding b = EnvCrypto.Binding.of(environment());
      try {
        return app == null ? b : b.withApp(app);
      } catch (IllegalArgumentException e) {
        throw new RunwayException("--app: " + e.getMessage());
      }
    }

    Path plain() {
      return envDir().resolve(".env." + environment().name());
    }

    Path encrypted() {
      return EnvCrypto.fileFor(envDir(), environment());
    }

    EnvKey key() {
      if (keyFile != null) return EnvKey.fromFile(keyFile, envDir());
      return EnvKey.find(environment(), envDir()).orElseThrow(() -> new RunwayException(environment()
          + ": no key; set " + EnvKey.variableFor(environment()) + " or create a key file with: runway keygen --env "
          + environment()));
    }
  }

  /**
   * --env, which the crypto commands require: a usage error (exit 2) when absent or not a name, and
   * an unknown environment when a model is present and does not declare it.
   */
  static Environment environment(ModelOptions model) {
    String name = model.env();
    if (name == null) {
      throw new RunwayException("--env: required: a key belongs to one environment; for example --env production");
    }
    Environment e = environment(name);
    model.appIfPresent(false).ifPresent(app -> app.environment(e.name()));
    return e;
  }

  /** The project's folder: --env-dir, else the config's folder; "." rather than "" in messages. */
  static Path dir(ModelOptions model) {
    Path d = model.envDir();
    return d.toString().isEmpty() ? Path.of(".") : d;
  }

  private static Map<String, Object> json(Object... keysAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) out.put((String) keysAndValues[i], keysAndValues[i + 1]);
    return out;
  }

  /** Prints what a command did: the text line(s), or the same facts as one JSON object. */
  private static void report(CommandSpec spec, ModelOptions model, Map<String, Object> json, String... text) {
    PrintWriter o = spec.commandLine().getOut();
    if (model.format() == ModelOptions.Format.json) {
      o.println(tools.jackson.databind.json.JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(json));
    } else {
      for (String line : text) o.println(line);
    }
    o.flush();
  }

  @Command(name = "keygen", mixinStandardHelpOptions = true,
      header = "Creates an environment's key in a key file outside the project.",
      description = {"Creates a new random key for an environment and writes it to a key file outside the",
          "project (default ~/.config/runway/keys/<env>.key, mode 600). The key itself is never printed."})
  static final class Keygen implements Callable<Integer> {
    @Mixin ModelOptions options = new ModelOptions();

    @Option(names = "--out", paramLabel = "<file>",
        description = "Where to write the key, outside the project (default: the environment's key file).")
    @Nullable Path out;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      Environment environment = CryptoCommands.environment(options);
      Path file = out != null ? out : EnvKey.defaultFileFor(environment, n -> Optional.ofNullable(System.getenv(n)));
      EnvKey.requireOutsideProject(file, dir(options));
      if (Files.exists(file)) {
        throw new RunwayException.IoFailed(file + ": a key file already exists; keep it, or move it away first"
            + " (files encrypted with it need it to decrypt)", Origin.file(file), null);
      }
      EnvKey key = EnvKey.generate();
      if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, key.encoded() + "\n");
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not POSIX: the user's profile folder is the protection
      }
      report(spec, options, json("environment", environment.name(), "key", key.id(), "file", file.toString(),
              "variable", EnvKey.variableFor(environment)),
          "wrote key " + key.id() + " for " + environment + " to " + file,
          "for CI, set the secret " + EnvKey.variableFor(environment) + " to the file's content");
      return ExitCodes.OK;
    }
  }

  @Command(name = "encrypt", mixinStandardHelpOptions = true,
      header = "Encrypts .env.<env> into .env.<env>.enc.",
      description = {"Encrypts .env.<env> into .env.<env>.enc: names stay readable, each value is encrypted",
          "(AES-256-GCM) and the file is authenticated. Unchanged values keep their ciphertext, so the",
          "file only changes where a value changed."})
  static final class Encrypt implements Callable<Integer> {
    @Mixin KeyOptions options = new KeyOptions();

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      EnvKey key = options.key();
      boolean changed = EnvCrypto.encryptFile(options.plain(), options.encrypted(), key, options.binding());
      int count = EnvCrypto.open(options.encrypted(), key, options.binding()).values().size();
      report(spec, options.model, json("file", options.encrypted().toString(), "changed", changed, "variables", count,
              "key", key.id()),
          (changed ? "wrote " : "unchanged ") + options.encrypted() + " (" + count
              + (count == 1 ? " variable" : " variables") + ", key " + key.id() + ")",
          "commit " + options.encrypted().getFileName() + "; keep " + options.plain().getFileName() + " out of git");
      return ExitCodes.OK;
    }
  }

  @Command(name = "decrypt", mixinStandardHelpOptions = true,
      header = "Decrypts .env.<env>.enc into .env.<env>.",
      description = {"Decrypts .env.<env>.enc into .env.<env> (never to the terminal), with its comments. Refuses to",
          "overwrite a .env.<env> that differs unless --force."})
  static final class Decrypt implements Callable<Integer> {
    @Mixin KeyOptions options = new KeyOptions();

    @Option(names = "--force", description = "Overwrite .env.<env> even when it differs.")
    boolean force;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      EnvCrypto.Decrypted decrypted = EnvCrypto.open(options.encrypted(), options.key(), options.binding());
      warn(spec, decrypted.warnings());
      Map<String, String> values = decrypted.values();
      Path plain = options.plain();
      if (Files.exists(plain) && !force && !Dotenv.read(plain, n -> Optional.empty()).values().equals(values)) {
        throw new RunwayException.IoFailed(plain + ": exists and differs from " + options.encrypted().getFileName()
            + "; encrypt it first (runway encrypt) or pass --force to overwrite it", Origin.file(plain), null);
      }
      AtomicFiles.write(plain, decrypted.dotenv()); // with the comments of the file that was encrypted
      report(spec, options.model, json("file", plain.toString(), "variables", values.size()),
          "wrote " + plain + " (" + values.size() + (values.size() == 1 ? " variable" : " variables") + ")");
      return ExitCodes.OK;
    }
  }

  @Command(name = "rotate", mixinStandardHelpOptions = true,
      header = "Re-encrypts .env.<env>.enc with fresh nonces, or under a new key.",
      description = {"Re-encrypts every value of .env.<env>.enc with fresh nonces; with --new-key-file, under",
          "that key (create it outside the project with runway keygen --env <env> --out <file>), after",
          "which the old key can be retired. Also migrates a file in the first format to the current one."})
  static final class Rotate implements Callable<Integer> {
    @Mixin KeyOptions options = new KeyOptions();

    @Option(names = "--new-key-file", paramLabel = "<file>", description = "The new key (default: keep the key).")
    @Nullable Path newKeyFile;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      EnvKey old = options.key();
      EnvKey next = newKeyFile == null ? old : EnvKey.fromFile(newKeyFile, options.envDir());
      EnvCrypto.rotateFile(options.encrypted(), old, next, options.binding());
      String line = "rotated " + options.encrypted() + " (key " + old.id() + " -> " + next.id() + ")";
      Map<String, Object> json = json("file", options.encrypted().toString(), "from", old.id(), "to", next.id());
      if (next.equals(old)) {
        report(spec, options.model, json, line);
      } else {
        report(spec, options.model, json, line,
            "now use the new key: update " + EnvKey.variableFor(options.environment()) + " or the key file");
      }
      return ExitCodes.OK;
    }
  }
}
