package dev.runway.cli;

import dev.runway.App;
import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.base.Problems;
import dev.runway.base.RunwayException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "lint", mixinStandardHelpOptions = true,
    header = "Checks every render.yaml, vercel.json, compose and .env file under the paths.",
    description = {"Finds render.yaml, vercel.json, docker-compose files and .env files under the paths and checks",
        "each against its platform's rules; with a runway.conf beside them, render.yaml and vercel.json",
        "are also compared with the model. Exit 1 when there is an error."})
final class LintCommand implements Callable<Integer> {
  enum Format { text, json, sarif }

  /** Folders that hold dependencies or build output, never the app's own deployment files. */
  private static final Set<String> SKIPPED = Set.of(".git", "node_modules", "target", "build", "dist", ".next",
      ".venv", "venv", "vendor", "__pycache__", ".runway", ".vercel", ".terraform", ".idea", ".gradle");

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or folders (default: the current folder).")
  List<Path> paths = new ArrayList<>();

  @Option(names = "--format", paramLabel = "text|json|sarif",
      description = "Output format (default: text; sarif for GitHub code scanning).")
  Format format = Format.text;

  /** The model to compare render.yaml and vercel.json with (default: ./runway.conf when present). */
  @Mixin ModelOptions.ConfigOption config = new ModelOptions.ConfigOption();

  @Option(names = "--no-model", description = "Check the files on their own, even when a runway.conf is present.")
  boolean noModel;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    ModelOptions model = new ModelOptions();
    model.configOption = config;
    Optional<App> app = model.appIfPresent(noModel);
    Path modelDir = model.envDir().toAbsolutePath().normalize();
    List<Path> roots = paths.isEmpty() ? List.of(Path.of("")) : paths;
    TreeMap<Path, FileKind> files = new TreeMap<>();
    for (Path root : roots) {
      if (!Files.exists(root)) {
        throw new RunwayException.IoFailed(root + ": no such file or folder; pass a path that exists", Origin.file(root), null);
      }
      collect(root, files);
    }
    List<Checked> results = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    for (var e : files.entrySet()) {
      Path file = e.getKey();
      Optional<App> forFile = app.filter(a -> modelDir.equals(file.toAbsolutePath().normalize().getParent()));
      Problems problems = Linters.check(e.getValue(), file, forFile);
      results.add(new Checked(file, e.getValue(), problems));
      if (Inputs.mayBeUnreadable(problems) || problems.errors().stream().anyMatch(p -> p.code().equals(Problem.MISSING))) {
        try {
          Inputs.require(e.getValue(), file);
        } catch (RunwayException notRead) {
          unreadable.add(notRead.getMessage());   // its problem is listed with the others; the exit code is 2
        }
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    switch (format) {
      case json -> out.println(json(results));
      case sarif -> out.println(Sarif.of(results, Version.current()));
      default -> text(out, results);
    }
    out.flush();
    if (!unreadable.isEmpty()) {
      // Unreadable input is exit 2, as for every command; the other files were checked all the same.
      PrintWriter err = spec.commandLine().getErr();
      unreadable.forEach(m -> err.println("runway: " + m));
      err.flush();
      return ExitCodes.USAGE;
    }
    return results.stream().anyMatch(r -> r.problems().hasErrors()) ? ExitCodes.PROBLEMS : ExitCodes.OK;
  }

  /** One file and what its checks found. */
  record Checked(Path file, FileKind kind, Problems problems) {}

  private static void collect(Path root, TreeMap<Path, FileKind> into) {
    if (Files.isRegularFile(root)) {
      // A file named on the command line is checked even when its name is not a usual one.
      into.put(root, FileKind.of(root.getFileName().toString()).orElseGet(() -> FileKind.guess(root)));
      return;
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          Path name = dir.getFileName();
          return !dir.equals(root) && name != null && SKIPPED.contains(name.toString())
              ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isRegularFile()) FileKind.of(file.getFileName().toString()).ifPresent(k -> into.put(file, k));
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE;   // an unreadable folder is not the app's file; its files are reported when named
        }
      });
    } catch (IOException e) {
      throw new RunwayException.IoFailed(root + ": cannot be listed (" + e.getClass().getSimpleName() + ")", Origin.file(root), e);
    }
  }

  private static void text(PrintWriter out, List<Checked> results) {
    int errors = 0;
    int warnings = 0;
    for (Checked r : results) {
      Output.problems(out, ModelOptions.Format.text, r.file().toString(), r.problems());
      errors += r.problems().errors().size();
      warnings += r.problems().warnings().size();
    }
    out.println(results.size() + (results.size() == 1 ? " file" : " files") + " checked: " + errors
        + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning" : " warnings"));
  }

  private static String json(List<Checked> results) {
    JsonMapper mapper = JsonMapper.shared();
    ObjectNode root = mapper.createObjectNode();
    ArrayNode files = root.putArray("files");
    int errors = 0;
    int warnings = 0;
    for (Checked r : results) {
      ObjectNode f = files.addObject();
      f.put("path", Sarif.uri(r.file()));
      f.put("kind", r.kind().id);
      f.put("valid", !r.problems().hasErrors());
      f.set("problems", mapper.readTree(r.problems().toJson()));
      errors += r.problems().errors().size();
      warnings += r.problems().warnings().size();
    }
    root.put("errors", errors);
    root.put("warnings", warnings);
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }

  /** The kinds of file lint knows, by file name. */
  enum FileKind {
    RENDER("render"), VERCEL("vercel"), COMPOSE("compose"), DOTENV("dotenv");

    final String id;

    FileKind(String id) {
      this.id = id;
    }

    static Optional<FileKind> of(String name) {
      if (name.equals("render.yaml") || name.equals("render.yml")) return Optional.of(RENDER);
      if (name.equals("vercel.json")) return Optional.of(VERCEL);
      if (name.matches("(docker-)?compose(\\.[\\w-]+)?\\.ya?ml")) return Optional.of(COMPOSE);
      if (name.equals(".env") || name.startsWith(".env.")) return Optional.of(DOTENV);
      return Optional.empty();
    }

    /** For a file named on the command line under another name: by extension, else a dotenv file. */
    static FileKind guess(Path file) {
      String name = file.getFileName().toString();
      if (name.endsWith(".json")) return VERCEL;
      if (name.endsWith(".yaml") || name.endsWith(".yml")) {
        return name.contains("compose") ? COMPOSE : RENDER;
      }
      return DOTENV;
    }
  }

  /** Defers a check so that one file's unreadable input becomes its problem, not the run's end. */
  static Problems guarded(Path file, Supplier<Problems> check) {
    try {
      return check.get();
    } catch (RunwayException.ValidationFailed e) {
      return e.problems();
    } catch (RunwayException e) {
      return Problems.of(List.of(Problem.error(Problem.MALFORMED, file.getFileName().toString(),
          e.getMessage().replaceFirst("^\\S*" + java.util.regex.Pattern.quote(file.toString()) + "(:\\d+)*: ", ""))
          .withOrigin(e.origin().orElse(Origin.file(file)))));
    }
  }
}
