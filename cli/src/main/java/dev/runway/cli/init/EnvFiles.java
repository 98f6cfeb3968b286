package dev.runway.cli.init;

import dev.runway.base.RunwayException;
import dev.runway.env.Dotenv;
import dev.runway.env.DotenvEntry;
import dev.runway.env.DotenvFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** The env files of a folder and the folders of its services: what they set, for which environment, under which comment. */
final class EnvFiles {
  private static final Set<String> TEMPLATE_WORDS = Set.of("example", "sample", "template", "dist", "defaults", "tpl");
  private static final Map<String, String> ENVIRONMENTS = Map.of("dev", "development", "development", "development",
      "local", "development", "prod", "production", "production", "production", "preview", "preview");
  private static final Pattern ASSIGNMENT = Pattern.compile("^\\s*(export\\s+)?[A-Za-z_][A-Za-z0-9_.-]*\\s*[=:].*");
  private static final Pattern HEADER_DECORATION = Pattern.compile("^#\\s*([-=#*~]{2,}|\\[).*");

  /** What a file's name says: a template or not, and the environment (null for plain .env and .env.example). */
  record Kind(boolean template, @Nullable String environment) {}

  private EnvFiles() {}

  /** .env, .env.example, .env.production, .env.local.example, ...; not encrypted files, not .envrc. */
  static Optional<Kind> kind(String fileName) {
    if (!fileName.equals(".env") && !fileName.startsWith(".env.")) return Optional.empty();
    if (fileName.endsWith(".enc") || fileName.endsWith(".vault") || fileName.endsWith(".keys")) return Optional.empty();
    boolean template = false;
    String environment = null;
    String[] parts = fileName.substring(4).split("\\.");
    for (String part : parts) {
      if (part.isEmpty()) continue;
      String p = part.toLowerCase(Locale.ROOT);
      if (TEMPLATE_WORDS.contains(p)) template = true;
      else if (ENVIRONMENTS.containsKey(p)) environment = environment == null || p.equals("local") ? ENVIRONMENTS.get(p) : environment;
      else if (p.matches("[a-z][a-z0-9-]*")) environment = environment == null ? p : environment;
      else return Optional.empty();
    }
    if (fileName.equals(".env") ) environment = "development";
    return Optional.of(new Kind(template, environment));
  }

  /** The env files directly in a folder, in a stable order: .env first, then by name. */
  static List<Path> in(Path folder) {
    if (!Files.isDirectory(folder)) return List.of();
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(Files::isRegularFile).filter(f -> kind(f.getFileName().toString()).isPresent())
          .sorted((a, b) -> {
            String x = a.getFileName().toString();
            String y = b.getFileName().toString();
            return x.equals(".env") ? -1 : y.equals(".env") ? 1 : x.compareTo(y);
          }).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * Reads one file into the draft. A value is kept only in memory, to infer a type; lookups of
   * {@code ${VAR}} never reach the process environment, so nothing of this machine leaks in.
   */
  static void read(Path app, Path file, Draft draft) {
    Path rel = app.relativize(file);
    Kind kind = kind(file.getFileName().toString()).orElseThrow();
    DotenvFile parsed;
    List<String> lines;
    try {
      parsed = Dotenv.read(file, name -> Optional.empty());
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (RunwayException e) {
      draft.warnings.add(e.getMessage() + " (skipped the file; fix it and run runway init --force)");
      return;
    } catch (IOException e) {
      draft.warnings.add(file + ": cannot be read (" + e.getClass().getSimpleName() + "); skipped it");
      return;
    }
    draft.read.add(rel.toString());
    Map<Integer, String> context = comments(lines);
    // .env and .env.<environment> in the app's folder are what runway validate reads.
    boolean loaded = !kind.template() && rel.getParent() == null
        && (rel.toString().equals(".env") || rel.toString().equals(".env." + kind.environment()));
    if (kind.environment() != null && !kind.template()) draft.environment(kind.environment(), rel.toString());
    if (kind.template() && kind.environment() == null) draft.environment("development", rel.toString());
    if (kind.template() && kind.environment() != null) draft.environment(kind.environment(), rel.toString());
    for (DotenvEntry e : parsed.entries()) {
      if (!e.name().matches("[A-Za-z_][A-Za-z0-9_]*")) {
        draft.warnings.add(e.origin() + ": " + e.name() + ": is not a variable name Runway can declare; skipped it");
        continue;
      }
      Draft.Variable v = draft.variable(e.name());
      String environment = loaded ? (rel.toString().equals(".env") ? "development" : kind.environment()) : kind.environment();
      v.samples.add(new Draft.Sample(e.value(), e.origin().toString(), rel, kind.template(), environment, loaded));
      String c = context.get(e.origin().line());
      if (c != null) v.context.add(c);
    }
  }

  /**
   * For each assignment line, the comment text that may say which service reads it: the block just
   * above it, and the section it is in. A section starts at a heading-like comment (after a blank
   * line, short or decorated) and lasts until the next one.
   */
  static Map<Integer, String> comments(List<String> lines) {
    Map<Integer, String> out = new HashMap<>();
    String section = null;
    List<String> block = new ArrayList<>();
    boolean blankBefore = true;
    boolean blockAfterBlank = true;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.startsWith("#")) {
        if (block.isEmpty()) blockAfterBlank = blankBefore;
        block.add(line);
        blankBefore = false;
      } else if (line.isEmpty()) {
        if (!block.isEmpty() && isHeading(block, blockAfterBlank)) section = String.join(" ", block);
        block.clear();
        blankBefore = true;
      } else if (ASSIGNMENT.matcher(line).matches()) {
        String above = "";
        if (!block.isEmpty()) {
          if (isHeading(block, blockAfterBlank)) section = String.join(" ", block);
          else above = String.join(" ", block);
        }
        String text = (above + " " + (section == null ? "" : section)).strip();
        if (!text.isEmpty()) out.put(i + 1, text);
        block.clear();
        blankBefore = false;
      }
    }
    return out;
  }

  private static boolean isHeading(List<String> block, boolean afterBlank) {
    if (block.stream().anyMatch(l -> HEADER_DECORATION.matcher(l).matches())) return true;
    if (!afterBlank || block.size() > 2) return false;
    String text = String.join(" ", block).replace("#", " ").strip();
    return text.split("\\s+").length <= 5;
  }
}
