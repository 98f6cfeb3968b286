package dev.runway.env;

// TEMPORARY STUB — replaced by the dotenv branch at merge.
import dev.runway.Origin;
import dev.runway.RunwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

public final class Dotenv {
  private Dotenv() {}

  public static DotenvFile read(Path file, Function<String, Optional<String>> lookup) {
    try {
      return parse(Files.readString(file), Origin.file(file), lookup);
    } catch (IOException e) {
      throw new RunwayException.IoFailed(file + ": cannot read", Origin.file(file), e);
    }
  }

  public static DotenvFile read(Path file) {
    return read(file, n -> Optional.ofNullable(System.getenv(n)));
  }

  public static DotenvFile parse(String text, Origin source, Function<String, Optional<String>> lookup) {
    List<DotenvEntry> entries = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i].trim();
      if (l.isEmpty() || l.startsWith("#")) continue;
      int eq = l.indexOf('=');
      if (eq < 0) throw new RunwayException.ParseFailed(source + ":" + (i + 1) + ": no '='", source.withLine(i + 1));
      String v = l.substring(eq + 1).trim();
      if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
        v = v.substring(1, v.length() - 1);
      }
      entries.add(new DotenvEntry(l.substring(0, eq).trim(), v, source.withLine(i + 1)));
    }
    return new DotenvFile(source, entries);
  }

  public static String format(Map<String, String> values) {
    StringBuilder sb = new StringBuilder();
    values.forEach((k, v) -> sb.append(k).append("=\"").append(v).append("\"\n"));
    return sb.toString();
  }

  public static void write(Path file, Map<String, String> values) {
    throw new UnsupportedOperationException("stub");
  }
}
