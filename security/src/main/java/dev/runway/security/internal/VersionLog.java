package dev.runway.security.internal;

import dev.runway.base.AtomicFiles;
import dev.runway.base.InputFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The highest version of each encrypted env file this checkout has decrypted or written, in
 * {@code <dir>/.runway/encrypted-versions} ({@code .env.production.enc=7} lines). It exists to notice
 * an older file put back (a rollback); like SOPS's, it only knows what this checkout saw: a fresh
 * clone, another machine or a deleted {@code .runway/} starts from nothing. Best effort: a folder
 * that cannot be read or written (a read-only container) simply disables the check.
 */
public final class VersionLog {
  static final String FILE = "encrypted-versions";

  private VersionLog() {}

  private static Path logFor(Path encrypted) {
    Path parent = encrypted.toAbsolutePath().normalize().getParent();
    return (parent == null ? Path.of(".") : parent).resolve(".runway").resolve(FILE);
  }

  private static Map<String, Long> load(Path log) {
    Map<String, Long> out = new TreeMap<>();
    try {
      if (!Files.exists(log)) return out;
      // Bounded: a FIFO or /dev/zero put here must not hang or fill the memory of every decryption.
      for (String line : InputFiles.readText(log, "version log").split("\n")) {
        int eq = line.lastIndexOf('=');
        if (eq <= 0 || line.startsWith("#")) continue;
        try {
          out.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1).strip()));
        } catch (NumberFormatException e) {
          // a hand-edited line: ignore it rather than fail a decryption
        }
      }
    } catch (RuntimeException e) {
      return out;
    }
    return out;
  }

  /** The highest version recorded for this file, if any. */
  public static OptionalLong last(Path encrypted) {
    Long v = load(logFor(encrypted)).get(encrypted.getFileName().toString());
    return v == null ? OptionalLong.empty() : OptionalLong.of(v);
  }

  /** Records {@code version} when it is higher than the one recorded. */
  public static void record(Path encrypted, long version) {
    Path log = logFor(encrypted);
    Map<String, Long> all = load(log);
    String name = encrypted.getFileName().toString();
    Long old = all.get(name);
    if (old != null && old >= version) return;
    all.put(name, version);
    StringBuilder text = new StringBuilder("# highest version of each encrypted env file this checkout saw (runway)\n");
    all.forEach((n, v) -> text.append(n).append('=').append(v).append('\n'));
    try {
      Files.createDirectories(log.getParent());
      AtomicFiles.write(log, text.toString());
    } catch (IOException | RuntimeException e) {
      // best effort: see the class comment
    }
  }
}
