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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
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

  /** Options every crypto command shares. */
  static final class KeyOptions {
    @Option(names = "--env", required = true, paramLabel = "<name>", description = "The environment (production, ...).")
    String env = "";

    @Option(names = "--env-dir", paramLabel = "<dir>", description = "Where the .env files are (default: .).")
    Path envDir = Path.of(".");

    @Option(names = "--app", paramLabel = "<name>",
        description = "The app the file belongs to: written in the file's header, checked when reading (default: not bound).")
    @Nullable String app;

    @Option(names = "--key-file", paramLabel = "<file>",
        description = "The key file (default: RUNWAY_KEY_<ENV>, else ~/.config/runway/keys/<env>.key).")
    @Nullable Path keyFile;

    Environment environment() {
      return CryptoCommands.environment(env);
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
      return envDir.resolve(".env." + environment().name());
    }

    Path encrypted() {
      return EnvCrypto.fileFor(envDir, environment());
    }

    EnvKey key() {
      if (keyFile != null) return EnvKey.fromFile(keyFile, envDir);
      return EnvKey.find(environment(), envDir).orElseThrow(() -> new RunwayException(environment()
          + ": no key; set " + EnvKey.variableFor(environment()) + " or create a key file with: runway keygen --env "
          + environment()));
    }
  }

  @Command(name = "keygen", mixinStandardHelpOptions = true,
      description = {"Creates a new random key for an environment and writes it to a key file outside the",
          "project (default ~/.config/runway/keys/<env>.key, mode 600). The key itself is never printed."})
  static final class Keygen implements Callable<Integer> {
    @Option(names = "--env", required = true, paramLabel = "<name>", description = "The environment.")
    String env = "";

    @Option(names = "--out", paramLabel = "<file>",
        description = "Where to write the key, outside the project (default: the environment's key file).")
    @Nullable Path out;

    @Option(names = "--env-dir", paramLabel = "<dir>",
        description = "The project's folder, which the key must stay out of (default: .).")
    Path envDir = Path.of(".");

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      Environment environment = CryptoCommands.environment(env);
      Path file = out != null ? out : EnvKey.defaultFileFor(environment, n -> Optional.ofNullable(System.getenv(n)));
      EnvKey.requireOutsideProject(file, envDir);
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
      PrintWriter o = spec.commandLine().getOut();
      o.println("wrote key " + key.id() + " for " + environment + " to " + file);
      o.println("for CI, set the secret " + EnvKey.variableFor(environment) + " to the file's content");
      o.flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "encrypt", mixinStandardHelpOptions = true,
      description = {"Encrypts .env.<env> into .env.<env>.enc: names stay readable, each value is encrypted",
          "(AES-256-GCM) and the file is authenticated. Unchanged values keep their ciphertext, so the",
          "file only changes where a value changed."})
  static final class Encrypt implements Callable<Integer> {
    @picocli.CommandLine.Mixin KeyOptions options = new KeyOptions();

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      EnvKey key = options.key();
      boolean changed = EnvCrypto.encryptFile(options.plain(), options.encrypted(), key, options.binding());
      int count = EnvCrypto.open(options.encrypted(), key, options.binding()).values().size();
      PrintWriter o = spec.commandLine().getOut();
      o.println((changed ? "wrote " : "unchanged ") + options.encrypted() + " (" + count
          + (count == 1 ? " variable" : " variables") + ", key " + key.id() + ")");
      o.println("commit " + options.encrypted().getFileName() + "; keep " + options.plain().getFileName() + " out of git");
      o.flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "decrypt", mixinStandardHelpOptions = true,
      description = {"Decrypts .env.<env>.enc into .env.<env> (never to the terminal), with its comments. Refuses to",
          "overwrite a .env.<env> that differs unless --force."})
  static final class Decrypt implements Callable<Integer> {
    @picocli.CommandLine.Mixin KeyOptions options = new KeyOptions();

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
      PrintWriter o = spec.commandLine().getOut();
      o.println("wrote " + plain + " (" + values.size() + (values.size() == 1 ? " variable" : " variables") + ")");
      o.flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "rotate", mixinStandardHelpOptions = true,
      description = {"Re-encrypts every value of .env.<env>.enc with fresh nonces; with --new-key-file, under",
          "that key (create it outside the project with runway keygen --env <env> --out <file>), after",
          "which the old key can be retired. Also migrates a file in the first format to the current one."})
  static final class Rotate implements Callable<Integer> {
    @picocli.CommandLine.Mixin KeyOptions options = new KeyOptions();

    @Option(names = "--new-key-file", paramLabel = "<file>", description = "The new key (default: keep the key).")
    @Nullable Path newKeyFile;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      EnvKey old = options.key();
      EnvKey next = newKeyFile == null ? old : EnvKey.fromFile(newKeyFile, options.envDir);
      EnvCrypto.rotateFile(options.encrypted(), old, next, options.binding());
      PrintWriter o = spec.commandLine().getOut();
      o.println("rotated " + options.encrypted() + " (key " + old.id() + " -> " + next.id() + ")");
      if (!next.equals(old)) {
        o.println("now use the new key: update " + EnvKey.variableFor(options.environment()) + " or the key file");
      }
      o.flush();
      return ExitCodes.OK;
    }
  }
}
