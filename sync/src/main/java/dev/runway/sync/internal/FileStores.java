package dev.runway.sync.internal;

import dev.runway.base.AtomicFiles;
import dev.runway.env.Dotenv;
import dev.runway.security.EnvCrypto;
import dev.runway.security.EnvKey;
import dev.runway.sync.EnvStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Dotenv and encrypted env files as stores: read the file, change one entry, write it back atomically. */
public final class FileStores {
  private FileStores() {}

  public static EnvStore dotenv(Path file) {
    return new FileStore(file) {
      @Override
      Map<String, String> load() {
        if (!Files.exists(file)) return Map.of();
        // No lookup: a store holds what the file says, not what the process environment adds.
        return Dotenv.read(file, name -> Optional.empty()).values();
      }

      @Override
      void save(Map<String, String> values) {
        Dotenv.write(file, values);
      }
    };
  }

  public static EnvStore encrypted(Path file, EnvKey key) {
    return new FileStore(file) {
      @Override
      Map<String, String> load() {
        if (!Files.exists(file)) return Map.of();
        return EnvCrypto.decryptFile(file, key);
      }

      @Override
      void save(Map<String, String> values) {
        String previous = null;
        try {
          if (Files.exists(file)) previous = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
          previous = null; // re-encrypting everything is correct, only less stable
        }
        AtomicFiles.write(file, EnvCrypto.encrypt(values, key, previous));
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
