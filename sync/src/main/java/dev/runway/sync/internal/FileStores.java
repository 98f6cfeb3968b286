package dev.runway.sync.internal;

import dev.runway.base.AtomicFiles;
import dev.runway.base.InputFiles;
import dev.runway.base.Origin;
import dev.runway.env.Dotenv;
import dev.runway.env.Environment;
import dev.runway.env.internal.dotenv.DotenvParser;
import dev.runway.security.DecryptionFailed;
import dev.runway.security.EnvCrypto;
import dev.runway.security.EnvKey;
import dev.runway.sync.EnvSnapshot;
import dev.runway.sync.EnvStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dotenv and encrypted env files as stores. A dotenv file is edited in place ({@link DotenvEditor}):
 * only the values written change, every other byte stays, and its snapshot holds the exact text, so
 * a restore gives back the very bytes. An encrypted file is re-encrypted bound to its environment.
 */
public final class FileStores {
  private static final Logger LOG = LoggerFactory.getLogger(FileStores.class);

  private FileStores() {}

  public static EnvStore dotenv(Path file) {
    return new DotenvStore(file);
  }

  /** A dotenv file edited in place. */
  private static final class DotenvStore extends FileStore {
    DotenvStore(Path file) {
      super(file);
    }

    @Override
    Map<String, String> load() {
      if (!Files.exists(file)) return Map.of();
      // No lookup: a store holds what the file says, not what the process environment adds.
      return Dotenv.read(file, name -> Optional.empty()).values();
    }

    @Override
    public synchronized void write(String name, String value) {
      String text = text();
      String next = DotenvEditor.set(text, Origin.file(file), name, value);
      if (!next.equals(text) || !Files.exists(file)) AtomicFiles.write(file, next);
    }

    @Override
    public synchronized void delete(String name) {
      if (!Files.exists(file)) return;
      String text = text();
      String next = DotenvEditor.remove(text, Origin.file(file), name);
      if (!next.equals(text)) AtomicFiles.write(file, next);
    }

    @Override
    public synchronized EnvSnapshot snapshot() {
      EnvSnapshot values = EnvSnapshot.of(name(), java.time.Instant.now(), readAll());
      return Files.exists(file) ? values.withFileText(text()) : values;
    }

    @Override
    public synchronized void restore(EnvSnapshot snapshot) {
      Optional<String> text = snapshot.fileText();
      if (text.isEmpty()) {
        restoreValues(snapshot);
        return;
      }
      if (!Files.exists(file) || !text.get().equals(text())) AtomicFiles.write(file, text.get());
    }

    /** The file's exact text (a BOM and CRLF kept), checked to be UTF-8 dotenv text. */
    private String text() {
      if (!Files.exists(file)) return "";
      byte[] bytes = InputFiles.readBytes(file, "dotenv file");
      DotenvParser.decode(bytes, Origin.file(file)); // strict UTF-8, or a ParseFailed naming file:line
      return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    void save(Map<String, String> values) {
      throw new UnsupportedOperationException("a dotenv store writes in place");
    }
  }

  /**
   * An encrypted env file bound to {@code environment} (when known): read as that environment's file
   * (another environment's file, or a sync backup copied over it, is refused), written bound to it.
   */
  public static EnvStore encrypted(Path file, EnvKey key, @Nullable Environment environment) {
    return new FileStore(file) {
      @Override
      Map<String, String> load() {
        if (!Files.exists(file)) return Map.of();
        String text = InputFiles.readText(file, "encrypted env file");
        Origin origin = Origin.file(file);
        if (environment != null) {
          EnvCrypto.Decrypted d = EnvCrypto.decrypt(text, origin, key, EnvCrypto.Binding.of(environment));
          d.warnings().forEach(LOG::warn);
          return d.values();
        }
        if (EnvCrypto.label(text, origin, key).isPresent()) {
          throw new DecryptionFailed(DecryptionFailed.Reason.WRONG_BINDING, origin + ": is a sync backup, not an"
              + " encrypted env file (a backup copied over it?); restore the file from version control, or put the"
              + " backup's values back with: runway sync restore", origin);
        }
        return EnvCrypto.decrypt(text, origin, key);
      }

      @Override
      void save(Map<String, String> values) {
        String previous = Files.exists(file) ? InputFiles.readText(file, "encrypted env file") : null;
        AtomicFiles.write(file, environment == null ? EnvCrypto.encrypt(values, key, previous)
            : EnvCrypto.encrypt(values, key, previous, EnvCrypto.Binding.of(environment)));
      }
    };
  }

  private abstract static class FileStore implements EnvStore {
    final Path file;

    FileStore(Path file) {
      this.file = file;
    }

    abstract Map<String, String> load();

    abstract void save(Map<String, String> values);

    /** The store's default restore: write what differs, delete what the snapshot lacks. */
    final void restoreValues(EnvSnapshot snapshot) {
      EnvStore.super.restore(snapshot);
    }

    @Override
    public String name() {
      return file.toString();
    }

    @Override
    public synchronized Map<String, String> readAll() {
      return new LinkedHashMap<>(load());
    }

    @Override
    public synchronized void write(String name, String value) {
      Map<String, String> values = new LinkedHashMap<>(load());
      values.put(name, value);
      save(values);
    }

    @Override
    public synchronized void delete(String name) {
      Map<String, String> values = new LinkedHashMap<>(load());
      if (values.remove(name) != null) save(values);
    }

    @Override
    public String toString() {
      return getClass().getSimpleName() + "[" + file + "]";
    }
  }
}
