package dev.runway.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import dev.runway.base.InputFiles;
import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Reads a runway.conf the one bounded way, for every module that reads its own block of it
 * (monitor, keep-warm, pipelines, the audit): a regular file of at most 5 MB in UTF-8
 * ({@link InputFiles}), within {@link HoconGuard}'s nesting and expansion limits, with includes
 * bounded the same way and never fetched from a URL ({@link BoundedIncluder}) — as {@link HoconModel}
 * reads the model.
 */
public final class HoconFiles {
  private HoconFiles() {}

  /**
   * The file, parsed and resolved.
   *
   * @param what what the file is, for messages ({@code "runway.conf"})
   * @throws RunwayException.IoFailed when the file is missing, not a regular file or too large
   * @throws RunwayException.ParseFailed when it is not UTF-8 or nests or expands past the limits
   * @throws ConfigException for HOCON syntax errors, which each caller words with its own fix
   */
  public static Config parse(Path file, String what) {
    if (!Files.exists(file)) {
      throw new RunwayException.IoFailed(file + ": no such file; create " + what + " or pass --config <file>",
          Origin.file(file), null);
    }
    if (!Files.isReadable(file)) {
      throw new RunwayException.IoFailed(file + ": cannot be read; check its permissions", Origin.file(file), null);
    }
    HoconGuard.check(InputFiles.readText(file, what), Origin.file(file));
    try {
      return ConfigFactory.parseFile(file.toFile(), options()).resolve(ConfigResolveOptions.defaults());
    } catch (StackOverflowError | OutOfMemoryError e) {
      throw tooFar(Origin.file(file), e);
    }
  }

  /** An object's keys in the order the file writes them (by line; alphabetical within a line), for messages in file order. */
  public static List<String> sortedByLine(ConfigObject obj) {
    TreeMap<Integer, List<String>> byLine = new TreeMap<>();
    for (String key : obj.keySet()) {
      byLine.computeIfAbsent(obj.get(key).origin().lineNumber(), k -> new ArrayList<>()).add(key);
    }
    List<String> out = new ArrayList<>();
    byLine.values().forEach(keys -> {
      keys.sort(null);
      out.addAll(keys);
    });
    return out;
  }

  /** HOCON syntax, nothing missing allowed, includes bounded and never from a URL. */
  static ConfigParseOptions options() {
    return ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false)
        .setIncluder(new BoundedIncluder(null));
  }

  /** What HoconGuard cannot see (a bomb spread over included files) ends here, as one line. */
  static RunwayException tooFar(Origin origin, Error e) {
    String ran = e instanceof StackOverflowError ? "nests too deeply" : "expands past the memory";
    return new RunwayException.ParseFailed(origin + ": " + ran + " when its includes and substitutions are read;"
        + " flatten it, and refer to each value fewer times", origin, null);
  }
}
